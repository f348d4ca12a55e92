package org.danlu.app.tui.widget;

import java.util.List;
import org.danlu.app.tui.term.Role;
import org.danlu.app.tui.text.DisplayWidth;

/** The {@code ?} help: a centred box listing every binding of the screen, generated from the keymap. */
public final class HelpOverlay {
    private HelpOverlay() {
    }

    /** A section heading (key empty) or a key line. */
    public record Line(String key, String text) {
    }

    public record Model(String title, List<Line> lines, String footer) {
    }

    public static void draw(Canvas screen, Model m) {
        int keyW = m.lines().stream().mapToInt(l -> DisplayWidth.of(l.key())).max().orElse(0);
        int textW = m.lines().stream().mapToInt(l -> DisplayWidth.of(l.text())).max().orElse(0);
        int w = Math.min(screen.width() - 2, Math.max(DisplayWidth.of(m.title()), keyW + textW + 3) + 4);
        int h = Math.min(screen.height() - 2, m.lines().size() + 4);
        Canvas box = Boxes.centred(screen, w, h, m.title());
        int row = 0;
        int maxRows = box.height() - 1;
        for (Line l : m.lines()) {
            if (row >= maxRows) {
                break;
            }
            if (l.key().isEmpty()) {
                box.text(0, row, l.text(), Role.HEADER);
            } else {
                box.text(0, row, DisplayWidth.fitRight(l.key(), keyW), Role.KEY);
                box.text(keyW + 2, row, l.text(), Role.DIALOG);
            }
            row++;
        }
        box.text(0, box.height() - 1, m.footer(), Role.DIM);
    }
}
