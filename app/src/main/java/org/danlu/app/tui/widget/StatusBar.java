package org.danlu.app.tui.widget;

import java.util.List;
import org.danlu.app.tui.term.Role;
import org.danlu.app.tui.text.DisplayWidth;

/**
 * The bottom row: a message on the left (counts, or a flash in its own role) and, right-aligned,
 * the keys that matter on this screen as "key label" pairs, generated from the bindings. Hints that
 * do not fit are dropped from the end, the message is cut last.
 */
public final class StatusBar {
    private StatusBar() {
    }

    /** A key hint: key text and its translated label. */
    public record Hint(String key, String label) {
    }

    /**
     * @param pinned how many hints at the end are always kept (help, quit); the others are dropped
     *               from their end when the row is too narrow
     */
    public record Model(String message, Role messageRole, List<Hint> hints, int pinned) {
        public Model(String message, Role messageRole, List<Hint> hints) {
            this(message, messageRole, hints, 0);
        }
    }

    public static void draw(Canvas c, Model m) {
        c.fill(Role.STATUS);
        int msgMin = Math.min(DisplayWidth.of(m.message()) + 1, Math.max(12, c.width() / 3));
        int room = c.width() - msgMin;
        int split = m.hints().size() - m.pinned();
        List<Hint> pinned = m.hints().subList(split, m.hints().size());
        int used = pinned.stream().mapToInt(StatusBar::width).sum();
        List<Hint> shown = new java.util.ArrayList<>();
        for (Hint h : m.hints().subList(0, split)) {
            int w = width(h);
            if (used + w > room) {
                break;
            }
            used += w;
            shown.add(h);
        }
        shown.addAll(pinned);
        int col = c.width() - used;
        for (Hint h : shown) {
            col += c.text(col, 0, " " + h.key(), Role.KEY);
            col += c.text(col, 0, " " + h.label(), Role.STATUS);
        }
        c.text(0, 0, DisplayWidth.truncate(m.message(), c.width() - used - 1), m.messageRole());
    }

    private static int width(Hint h) {
        return 2 + DisplayWidth.of(h.key()) + DisplayWidth.of(h.label());
    }
}
