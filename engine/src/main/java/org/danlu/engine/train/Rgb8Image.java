package org.danlu.engine.train;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;

/**
 * An 8-bit RGB image, pixels interleaved row by row ({@code rgb[(y·width + x)·3 + c]}), the form
 * PIL's {@code convert("RGB")} gives kohya: alpha is dropped (not composited), grey is replicated.
 */
public record Rgb8Image(int width, int height, byte[] rgb) {

    public Rgb8Image {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException("pixel buffer has " + rgb.length + " bytes, expected " + width * height * 3);
        }
    }

    /** Channel value 0..255 at (x, y). */
    public int get(int x, int y, int channel) {
        return rgb[(y * width + x) * 3 + channel] & 0xff;
    }

    /** Converts a decoded image the way PIL's {@code convert("RGB")} does. */
    public static Rgb8Image of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[w * h * 3];
        if (image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            // Java's getRGB treats grey as linear and brightens it; PIL copies the grey value to R, G and B.
            Raster raster = image.getRaster();
            int shift = Math.max(0, image.getColorModel().getComponentSize(0) - 8);
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    byte v = (byte) (row[x] >> shift);
                    int i = (y * w + x) * 3;
                    out[i] = v;
                    out[i + 1] = v;
                    out[i + 2] = v;
                }
            }
            return new Rgb8Image(w, h, out);
        }
        int[] argb = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, argb, 0, w);
            for (int x = 0; x < w; x++) {
                int p = argb[x];
                int i = (y * w + x) * 3;
                out[i] = (byte) (p >> 16);
                out[i + 1] = (byte) (p >> 8);
                out[i + 2] = (byte) p;
            }
        }
        return new Rgb8Image(w, h, out);
    }
}
