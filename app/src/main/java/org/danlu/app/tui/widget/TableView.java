package org.danlu.app.tui.widget;

import java.util.List;
import org.danlu.app.tui.term.Role;
import org.danlu.app.tui.text.DisplayWidth;

/**
 * A table with a header row, fixed-width columns measured in display columns, and one selected row
 * kept in view. Stateless: everything comes in the {@link Model} record each frame. The last column
 * with width 0 takes the remaining width.
 */
public final class TableView {
    private TableView() {
    }

    /** A column: header, width in columns (0 = the rest), right-aligned (numbers). */
    public record Column(String header, int width, boolean right) {
        public static Column left(String header, int width) {
            return new Column(header, width, false);
        }

        public static Column right(String header, int width) {
            return new Column(header, width, true);
        }
    }

    /** One row: cell texts, and the role for the whole row when not selected (e.g. WARN). */
    public record Row(List<String> cells, Role role) {
        public Row(List<String> cells) {
            this(cells, Role.BODY);
        }
    }

    /**
     * @param title shown above the header (may be empty: no title row)
     * @param columns the columns
     * @param rows the rows
     * @param selected index of the selected row, -1 for none
     * @param focused whether the pane has focus (selection drawn SELECTED, else SELECTED_DIM)
     * @param empty text shown when there are no rows
     */
    public record Model(String title, List<Column> columns, List<Row> rows, int selected, boolean focused,
                        String empty) {
    }

    public static void draw(Canvas c, Model m) {
        c.fill(Role.BODY);
        int row = 0;
        if (!m.title().isEmpty()) {
            c.line(row++, m.title(), m.focused() ? Role.HEADER : Role.DIM);
        }
        int[] widths = widths(m.columns(), c.width());
        drawRow(c, row++, headers(m.columns()), m.columns(), widths, Role.HEADER);
        int visible = c.height() - row;
        if (m.rows().isEmpty()) {
            c.text(1, row, m.empty(), Role.DIM);
            return;
        }
        int top = firstVisible(m.selected(), m.rows().size(), visible);
        for (int i = top; i < m.rows().size() && row < c.height(); i++, row++) {
            Row r = m.rows().get(i);
            Role role = i == m.selected() ? (m.focused() ? Role.SELECTED : Role.SELECTED_DIM) : r.role();
            drawRow(c, row, r.cells(), m.columns(), widths, role);
        }
    }

    /** First row index shown so the selection stays visible, scrolling by half pages. */
    public static int firstVisible(int selected, int count, int visible) {
        if (visible <= 0 || selected < visible) {
            return 0;
        }
        int top = selected - visible / 2;
        return Math.max(0, Math.min(top, count - visible));
    }

    private static List<String> headers(List<Column> cols) {
        return cols.stream().map(Column::header).toList();
    }

    static int[] widths(List<Column> cols, int total) {
        int[] w = new int[cols.size()];
        int used = 0;
        int flex = -1;
        for (int i = 0; i < w.length; i++) {
            w[i] = cols.get(i).width();
            if (w[i] == 0) {
                flex = i;
            }
            used += w[i] + (i > 0 ? 1 : 0);
        }
        if (flex >= 0) {
            w[flex] = Math.max(1, total - used);
        }
        return w;
    }

    private static void drawRow(Canvas c, int row, List<String> cells, List<Column> cols, int[] widths, Role role) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cols.size(); i++) {
            String v = i < cells.size() ? cells.get(i) : "";
            if (i > 0) {
                line.append(' ');
            }
            line.append(cols.get(i).right() ? DisplayWidth.fitRight(v, widths[i]) : DisplayWidth.fit(v, widths[i]));
        }
        c.line(row, line.toString(), role);
    }
}
