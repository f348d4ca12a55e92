package org.danlu.app.tui.image;

import java.awt.image.BufferedImage;
import org.danlu.app.tui.widget.PixelGrid;

/**
 * Area-average downscaling to the preview's pixel grid: every target pixel is the mean of the
 * source pixels it covers (box filter), which keeps thin lines and avoids the shimmer of
 * nearest-neighbour sampling at these tiny sizes.
 */
public final class Downscale {
    private Downscale() {
    }

    public static PixelGrid toGrid(BufferedImage src, int tw, int th) {
        int sw = src.getWidth();
        int sh = src.getHeight();
        int[] srcPx = src.getRGB(0, 0, sw, sh, null, 0, sw);
        int[] out = new int[tw * th];
        for (int y = 0; y < th; y++) {
            int y0 = (int) ((long) y * sh / th);
            int y1 = Math.max(y0 + 1, (int) ((long) (y + 1) * sh / th));
            for (int x = 0; x < tw; x++) {
                int x0 = (int) ((long) x * sw / tw);
                int x1 = Math.max(x0 + 1, (int) ((long) (x + 1) * sw / tw));
                long r = 0;
                long g = 0;
                long b = 0;
                int n = 0;
                for (int yy = y0; yy < y1; yy++) {
                    for (int xx = x0; xx < x1; xx++) {
                        int p = srcPx[yy * sw + xx];
                        r += (p >> 16) & 0xff;
                        g += (p >> 8) & 0xff;
                        b += p & 0xff;
                        n++;
                    }
                }
                out[y * tw + x] = (int) ((r / n) << 16 | (g / n) << 8 | (b / n));
            }
        }
        return new PixelGrid(tw, th, out);
    }
}
