package org.danlu.app.tui.widget;

import org.danlu.app.tui.term.Role;
import org.danlu.app.tui.text.DisplayWidth;

/** Framed boxes for overlays (help, confirm), centred on the screen. */
final class Boxes {
    private Boxes() {
    }

    /** Draws a framed, titled box and returns the canvas inside the frame (with a 1-column margin). */
    static Canvas centred(Canvas screen, int w, int h, String title) {
        w = Math.max(4, Math.min(w, screen.width()));
        h = Math.max(3, Math.min(h, screen.height()));
        Canvas box = screen.sub((screen.width() - w) / 2, (screen.height() - h) / 2, w, h);
        box.fill(Role.DIALOG);
        String t = DisplayWidth.truncate(" " + title + " ", w - 4);
        String top = "┌─" + t + "─".repeat(Math.max(0, w - 3 - DisplayWidth.of(t))) + "┐";
        box.text(0, 0, top, Role.DIALOG);
        for (int r = 1; r < h - 1; r++) {
            box.text(0, r, "│", Role.DIALOG);
            box.text(w - 1, r, "│", Role.DIALOG);
        }
        box.text(0, h - 1, "└" + "─".repeat(w - 2) + "┘", Role.DIALOG);
        return box.sub(2, 1, w - 4, h - 2);
    }
}
