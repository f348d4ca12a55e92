package org.danlu.app.tui.widget;

import java.util.List;
import org.danlu.app.tui.term.Role;

/** A titled list with one selected item kept in view; stateless, drawn from a {@link Model}. */
public final class ListPane {
    private ListPane() {
    }

    /** One line of the list and its role when not selected. */
    public record Item(String text, Role role) {
        public Item(String text) {
            this(text, Role.BODY);
        }
    }

    public record Model(String title, List<Item> items, int selected, boolean focused, String empty) {
    }

    public static void draw(Canvas c, Model m) {
        c.fill(Role.BODY);
        int row = 0;
        if (!m.title().isEmpty()) {
            c.line(row++, m.title(), m.focused() ? Role.HEADER : Role.DIM);
        }
        if (m.items().isEmpty()) {
            c.text(1, row, m.empty(), Role.DIM);
            return;
        }
        int visible = c.height() - row;
        int top = TableView.firstVisible(m.selected(), m.items().size(), visible);
        for (int i = top; i < m.items().size() && row < c.height(); i++, row++) {
            Item it = m.items().get(i);
            Role role = i == m.selected() ? (m.focused() ? Role.SELECTED : Role.SELECTED_DIM) : it.role();
            c.line(row, it.text(), role);
        }
    }
}
