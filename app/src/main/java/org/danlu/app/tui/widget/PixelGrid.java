package org.danlu.app.tui.widget;

/**
 * A small RGB image ready to draw with half blocks: {@code width} columns by {@code height}
 * pixel rows (two pixel rows per terminal row), 0xRRGGBB per pixel, row-major.
 */
public record PixelGrid(int width, int height, int[] rgb) {
    public PixelGrid {
        if (rgb.length != width * height) {
            throw new IllegalArgumentException("expected " + width * height + " pixels, got " + rgb.length);
        }
    }

    public int at(int x, int y) {
        return rgb[y * width + x];
    }
}
