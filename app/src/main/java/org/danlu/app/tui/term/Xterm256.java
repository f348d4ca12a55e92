package org.danlu.app.tui.term;

/**
 * Nearest xterm-256 palette entry for an RGB colour. Lanterna's {@code Indexed.fromRGB} floors each
 * channel onto the 6-level cube, but the cube levels (0, 95, 135, 175, 215, 255) are not evenly
 * spaced, so flooring picks visibly wrong colours; we search the cube and the 24-step grey ramp
 * for the smallest squared distance instead. The 16 system colours are skipped on purpose: users
 * redefine them, so they are not reliable for an image.
 */
public final class Xterm256 {
    private static final int[] LEVELS = {0, 95, 135, 175, 215, 255};

    private Xterm256() {
    }

    /** Palette index (16..255) nearest to the colour. */
    public static int nearest(int r, int g, int b) {
        int ri = nearestLevel(r);
        int gi = nearestLevel(g);
        int bi = nearestLevel(b);
        int cube = 16 + 36 * ri + 6 * gi + bi;
        int cubeDist = dist(r, g, b, LEVELS[ri], LEVELS[gi], LEVELS[bi]);
        // Grey ramp 232..255 is 8, 18, ..., 238.
        int avg = (r + g + b) / 3;
        int gi2 = Math.max(0, Math.min(23, Math.round((avg - 8) / 10f)));
        int grey = 8 + 10 * gi2;
        int greyDist = dist(r, g, b, grey, grey, grey);
        return greyDist < cubeDist ? 232 + gi2 : cube;
    }

    /** The RGB value the palette entry shows (for entries 16..255). */
    public static int rgbOf(int index) {
        if (index >= 232) {
            int v = 8 + 10 * (index - 232);
            return (v << 16) | (v << 8) | v;
        }
        int i = index - 16;
        return (LEVELS[i / 36] << 16) | (LEVELS[(i / 6) % 6] << 8) | LEVELS[i % 6];
    }

    private static int nearestLevel(int v) {
        int best = 0;
        for (int i = 1; i < LEVELS.length; i++) {
            if (Math.abs(LEVELS[i] - v) < Math.abs(LEVELS[best] - v)) {
                best = i;
            }
        }
        return best;
    }

    private static int dist(int r, int g, int b, int r2, int g2, int b2) {
        return (r - r2) * (r - r2) + (g - g2) * (g - g2) + (b - b2) * (b - b2);
    }
}
