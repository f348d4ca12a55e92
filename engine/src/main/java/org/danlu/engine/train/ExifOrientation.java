package org.danlu.engine.train;

/**
 * Turns an image upright according to its EXIF orientation tag (1–8), as PIL's
 * {@code ImageOps.exif_transpose} does. Danlu trains images upright; sd-scripts ignores the tag
 * (DESIGN.md, compatibility promises), and the dataset lint lists the images this changes.
 */
public final class ExifOrientation {

    private ExifOrientation() {
    }

    /** True for orientations 5–8, which swap width and height. */
    public static boolean swapsAxes(int orientation) {
        return orientation >= 5 && orientation <= 8;
    }

    /** The upright image; orientation 1 (or 0 = no tag) returns the input unchanged. */
    public static Rgb8Image upright(Rgb8Image in, int orientation) {
        if (orientation == 0 || orientation == 1) {
            return in;
        }
        if (orientation < 0 || orientation > 8) {
            throw new IllegalArgumentException("EXIF orientation must be 1..8, got " + orientation);
        }
        int w = in.width();
        int h = in.height();
        boolean swap = swapsAxes(orientation);
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        byte[] src = in.rgb();
        byte[] out = new byte[src.length];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                // (sx, sy): the stored pixel shown at upright position (x, y).
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }            // mirrored left-right
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }    // rotated 180°
                    case 4 -> { sx = x; sy = h - 1 - y; }            // mirrored top-bottom
                    case 5 -> { sx = y; sy = x; }                    // transpose
                    case 6 -> { sx = y; sy = h - 1 - x; }            // needs 90° clockwise
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }    // transverse
                    default -> { sx = w - 1 - y; sy = x; }           // 8: needs 90° counter-clockwise
                }
                System.arraycopy(src, (sy * w + sx) * 3, out, (y * ow + x) * 3, 3);
            }
        }
        return new Rgb8Image(ow, oh, out);
    }
}
