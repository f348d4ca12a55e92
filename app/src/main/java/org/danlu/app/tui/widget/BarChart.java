package org.danlu.app.tui.widget;

import java.util.List;
import org.danlu.app.tui.term.Role;
import org.danlu.app.tui.text.DisplayWidth;

/** A horizontal bar chart: a label, a bar scaled to the largest value (eighth-cell steps), a value. */
public final class BarChart {
    private static final String EIGHTHS = " ▏▎▍▌▋▊▉";

    private BarChart() {
    }

    public record Bar(String label, double value, String valueText) {
    }

    public record Model(String title, List<Bar> bars, int labelWidth) {
    }

    public static void draw(Canvas c, Model m) {
        c.fill(Role.BODY);
        int row = 0;
        if (!m.title().isEmpty()) {
            c.line(row++, m.title(), Role.HEADER);
        }
        double max = m.bars().stream().mapToDouble(Bar::value).max().orElse(0);
        int valueWidth = m.bars().stream().mapToInt(b -> DisplayWidth.of(b.valueText())).max().orElse(0);
        int barWidth = Math.max(1, c.width() - m.labelWidth() - valueWidth - 2);
        for (Bar b : m.bars()) {
            if (row >= c.height()) {
                break;
            }
            c.cell(0, row, b.label(), m.labelWidth(), Role.BODY);
            c.text(m.labelWidth() + 1, row, bar(b.value(), max, barWidth), Role.BAR);
            c.text(m.labelWidth() + 1 + barWidth + 1, row, DisplayWidth.fitRight(b.valueText(), valueWidth), Role.DIM);
            row++;
        }
    }

    /** The bar text for a value, exactly {@code width} columns, in eighths of a cell. */
    public static String bar(double value, double max, int width) {
        if (max <= 0 || value <= 0) {
            return " ".repeat(width);
        }
        int eighths = (int) Math.round(value / max * width * 8);
        StringBuilder b = new StringBuilder("█".repeat(eighths / 8));
        if (eighths % 8 != 0) {
            b.append(EIGHTHS.charAt(eighths % 8));
        }
        return b + " ".repeat(Math.max(0, width - b.length()));
    }
}
