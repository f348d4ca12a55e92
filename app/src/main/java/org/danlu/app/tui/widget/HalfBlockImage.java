package org.danlu.app.tui.widget;

import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import org.danlu.app.tui.term.ColorDepth;
import org.danlu.app.tui.term.Palette;
import org.danlu.app.tui.term.Role;

/**
 * Draws a {@link PixelGrid} with upper half blocks (U+2580): each cell shows two pixels, the top
 * one as the foreground colour and the bottom one as the background, so a 40x15 cell area shows
 * 40x30 square pixels. The grid is centred; an odd last pixel row gets the pane background below.
 */
public final class HalfBlockImage {
    public static final char UPPER_HALF = '\u2580';

    private HalfBlockImage() {
    }

    public static void draw(Canvas c, PixelGrid img) {
        c.fill(Role.BODY);
        ColorDepth depth = c.palette().depth();
        TextColor paneBg = c.palette().style(Role.BODY).background();
        int rows = (img.height() + 1) / 2;
        int left = Math.max(0, (c.width() - img.width()) / 2);
        int top = Math.max(0, (c.height() - rows) / 2);
        for (int r = 0; r < rows; r++) {
            for (int x = 0; x < img.width(); x++) {
                TextColor fg = Palette.pixel(img.at(x, 2 * r), depth);
                TextColor bg = 2 * r + 1 < img.height() ? Palette.pixel(img.at(x, 2 * r + 1), depth) : paneBg;
                c.put(left + x, top + r, TextCharacter.fromCharacter(UPPER_HALF, fg, bg)[0]);
            }
        }
    }

    /**
     * The pixel size an image of {@code w}x{@code h} gets in a {@code cols}x{@code rows} cell area,
     * keeping its aspect ratio (half-block pixels are square) and never enlarging it.
     */
    public static int[] fitPixels(int w, int h, int cols, int rows) {
        int maxW = Math.max(1, cols);
        int maxH = Math.max(1, rows * 2);
        double scale = Math.min(1.0, Math.min((double) maxW / w, (double) maxH / h));
        int pw = Math.max(1, (int) Math.round(w * scale));
        int ph = Math.max(1, (int) Math.round(h * scale));
        return new int[] {Math.min(pw, maxW), Math.min(ph, maxH)};
    }
}
