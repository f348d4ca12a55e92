package org.danlu.app.tui.widget;

import java.util.List;
import org.danlu.app.tui.term.Role;

/** A centred yes/no question, e.g. "Rename tag in 37 files?"; {@code y} confirms, anything else cancels. */
public final class ConfirmDialog {
    private ConfirmDialog() {
    }

    public record Model(String title, List<String> lines, String keys, boolean destructive) {
    }

    public static void draw(Canvas screen, Model m) {
        int w = Math.min(screen.width() - 4, 60);
        Canvas box = Boxes.centred(screen, w, m.lines().size() + 5, m.title());
        int row = 0;
        for (String l : m.lines()) {
            box.text(0, row++, l, m.destructive() ? Role.ERROR : Role.DIALOG);
        }
        box.text(0, row + 1, m.keys(), Role.KEY);
    }
}
