package org.danlu.app.tui.widget;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.graphics.TextGraphics;
import org.danlu.app.tui.term.Palette;
import org.danlu.app.tui.term.Role;
import org.danlu.app.tui.text.DisplayWidth;

/**
 * A rectangle of the screen to draw into, with the theme's roles at hand. Text is always cut to
 * the rectangle by display columns (CJK counts two), so a long name never spills into the next
 * pane. Widgets draw only through this; they never pick a colour themselves.
 */
public final class Canvas {
    private final TextGraphics g;
    private final Palette palette;
    private final int width;
    private final int height;

    public Canvas(TextGraphics g, Palette palette) {
        this.g = g;
        this.palette = palette;
        TerminalSize s = g.getSize();
        this.width = s.getColumns();
        this.height = s.getRows();
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public Palette palette() {
        return palette;
    }

    /** A sub-rectangle, clipped to this one. */
    public Canvas sub(int col, int row, int w, int h) {
        int cw = Math.max(0, Math.min(w, width - col));
        int ch = Math.max(0, Math.min(h, height - row));
        return new Canvas(g.newTextGraphics(new TerminalPosition(col, row), new TerminalSize(cw, ch)), palette);
    }

    /** Fills the whole rectangle with spaces in the role's background. */
    public Canvas fill(Role role) {
        palette.style(role).applyTo(g);
        g.fill(' ');
        return this;
    }

    /** Writes text at (col,row), cut to the rectangle's width; returns the columns used. */
    public int text(int col, int row, String s, Role role) {
        if (row < 0 || row >= height || col >= width) {
            return 0;
        }
        String t = DisplayWidth.prefix(clean(s), width - col);
        palette.style(role).applyTo(g);
        g.putString(col, row, t);
        return DisplayWidth.of(t);
    }

    /** Writes text padded (or cut with "…") to exactly {@code cols} columns. */
    public void cell(int col, int row, String s, int cols, Role role) {
        text(col, row, DisplayWidth.fit(clean(s), cols), role);
    }

    /** One full row in a role, text left-aligned and the rest of the row filled. */
    public void line(int row, String s, Role role) {
        cell(0, row, s, width, role);
    }

    /** Sets one cell to a prepared character (image pixels). */
    public void put(int col, int row, TextCharacter c) {
        if (col >= 0 && row >= 0 && col < width && row < height) {
            g.setCharacter(col, row, c);
        }
    }

    /** A vertical separator line in the BORDER role. */
    public void vline(int col, Role role) {
        palette.style(role).applyTo(g);
        for (int r = 0; r < height; r++) {
            g.putString(col, r, "│");
        }
    }

    /** Control characters would move Lanterna's cursor; file names may contain tabs or newlines. */
    private static String clean(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 32 || c == 0x7f) {
                if (b == null) {
                    b = new StringBuilder(s.substring(0, i));
                }
                b.append(' ');
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }
}
