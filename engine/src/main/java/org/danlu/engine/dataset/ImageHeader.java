package org.danlu.engine.dataset;

/**
 * What an image file's header says, read without decoding pixels.
 *
 * @param width       stored width in pixels (as kohya sees it: kohya ignores EXIF orientation)
 * @param height      stored height in pixels
 * @param orientation EXIF orientation 1..8 (1 when absent); 5..8 turn the image a quarter
 */
public record ImageHeader(ImageFormat format, int width, int height, int orientation) {

    /** Whether the EXIF orientation swaps width and height when the image is shown upright. */
    public boolean swapsAxes() {
        return orientation >= 5 && orientation <= 8;
    }
}
