package org.danlu.app.tui.widget;

import java.util.List;
import java.util.Locale;
import org.danlu.app.tui.term.Role;
import org.danlu.app.tui.text.DisplayWidth;

/**
 * A line chart drawn with braille cells (U+2800..U+28FF): each cell holds a 2x4 grid of dots, so a
 * 50x8 cell plot shows 100x32 points. Y labels (max, middle, min) sit left of a vertical axis, the
 * x range is written into the bottom axis line, and a title row carries the legend. Series are
 * drawn in order; a cell shared by two series takes the role of the later one (put the one that
 * matters, e.g. the smoothed loss, last). Non-finite values break the line instead of bending it.
 * Stateless: everything comes in the {@link Model} each frame.
 */
public final class LineChart {
    /** Dot bits of a braille cell, indexed [column 0..1][row 0..3] (Unicode braille patterns). */
    private static final int[][] DOT = {{0x01, 0x02, 0x04, 0x40}, {0x08, 0x10, 0x20, 0x80}};
    private static final char BRAILLE = '\u2800';

    private LineChart() {
    }

    /** One line: x and y values (the first {@code count} of each), a legend label and a colour role. */
    public record Series(String label, double[] x, double[] y, int count, Role role) {
        public Series {
            if (count > x.length || count > y.length) {
                throw new IllegalArgumentException("count " + count + " exceeds the arrays");
            }
        }
    }

    /** @param empty shown when no series has a finite point */
    public record Model(String title, List<Series> series, String empty) {
    }

    /** The plot area rendered to cells: braille glyphs (blank = U+2800 unused) and their roles. */
    public record Plot(char[][] cells, Role[][] roles, double xMin, double xMax, double yMin, double yMax) {
        public String row(int r) {
            return new String(cells[r]);
        }
    }

    public static void draw(Canvas c, Model m) {
        c.fill(Role.BODY);
        if (c.height() < 3 || c.width() < 12) {
            return;
        }
        drawTitle(c, m);
        double[] range = range(m.series());
        if (range == null) {
            c.text(1, 1, m.empty(), Role.DIM);
            return;
        }
        int plotRows = c.height() - 2;
        String top = label(range[3]);
        String mid = label((range[2] + range[3]) / 2);
        String bottom = label(range[2]);
        int labelWidth = Math.max(DisplayWidth.of(top), Math.max(DisplayWidth.of(mid), DisplayWidth.of(bottom)));
        int plotCols = c.width() - labelWidth - 1;
        if (plotCols < 2) {
            return;
        }
        Plot p = plot(m.series(), plotCols, plotRows, range);
        for (int r = 0; r < plotRows; r++) {
            String lab = r == 0 ? top : r == plotRows - 1 ? bottom : r == plotRows / 2 && plotRows > 4 ? mid : "";
            c.text(0, 1 + r, DisplayWidth.fitRight(lab, labelWidth), Role.DIM);
            c.text(labelWidth, 1 + r, lab.isEmpty() ? "│" : "┤", Role.BORDER);
            for (int col = 0; col < plotCols; col++) {
                if (p.cells()[r][col] != BRAILLE) {
                    c.text(labelWidth + 1 + col, 1 + r, String.valueOf(p.cells()[r][col]), p.roles()[r][col]);
                }
            }
        }
        int axisRow = c.height() - 1;
        c.text(labelWidth, axisRow, "└" + "─".repeat(plotCols), Role.BORDER);
        String left = label(range[0]);
        String right = label(range[1]);
        c.text(labelWidth + 1, axisRow, left, Role.DIM);
        if (plotCols > DisplayWidth.of(left) + DisplayWidth.of(right) + 2) {
            c.text(c.width() - DisplayWidth.of(right), axisRow, right, Role.DIM);
        }
    }

    private static void drawTitle(Canvas c, Model m) {
        int col = c.text(0, 0, m.title(), Role.HEADER);
        for (Series s : m.series()) {
            if (s.label() == null || s.label().isEmpty()) {
                continue;
            }
            col += c.text(col, 0, "  ", Role.BODY);
            col += c.text(col, 0, "⣿ ", s.role());
            col += c.text(col, 0, s.label(), Role.DIM);
        }
    }

    /**
     * Renders the series into a {@code cols}x{@code rows} braille plot, scaled to their joint range
     * (x from the smallest to the largest x, y likewise; a flat series gets a small band around
     * its value). Returns null when there is no finite point.
     */
    public static Plot plot(List<Series> series, int cols, int rows) {
        double[] range = range(series);
        return range == null ? null : plot(series, cols, rows, range);
    }

    private static Plot plot(List<Series> series, int cols, int rows, double[] range) {
        int[][] bits = new int[rows][cols];
        Role[][] roles = new Role[rows][cols];
        int dotsX = cols * 2;
        int dotsY = rows * 4;
        for (Series s : series) {
            int prevX = -1;
            int prevY = -1;
            for (int i = 0; i < s.count(); i++) {
                double x = s.x()[i];
                double y = s.y()[i];
                if (!Double.isFinite(x) || !Double.isFinite(y)) {
                    prevX = -1;
                    continue;
                }
                int dx = scale(x, range[0], range[1], dotsX);
                int dy = dotsY - 1 - scale(y, range[2], range[3], dotsY);
                if (prevX < 0) {
                    dot(bits, roles, dx, dy, s.role());
                } else {
                    line(bits, roles, prevX, prevY, dx, dy, s.role());
                }
                prevX = dx;
                prevY = dy;
            }
        }
        char[][] cells = new char[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int col = 0; col < cols; col++) {
                cells[r][col] = (char) (BRAILLE + bits[r][col]);
            }
        }
        return new Plot(cells, roles, range[0], range[1], range[2], range[3]);
    }

    /** Maps v in [lo, hi] to 0..n-1 (the ends land on the first and last dot). */
    static int scale(double v, double lo, double hi, int n) {
        if (hi <= lo) {
            return 0;
        }
        int d = (int) Math.round((v - lo) / (hi - lo) * (n - 1));
        return Math.max(0, Math.min(n - 1, d));
    }

    private static void dot(int[][] bits, Role[][] roles, int x, int y, Role role) {
        int r = y / 4;
        int c = x / 2;
        if (r < 0 || c < 0 || r >= bits.length || c >= bits[0].length) {
            return;
        }
        bits[r][c] |= DOT[x % 2][y % 4];
        roles[r][c] = role;
    }

    /** Bresenham between two dots, both ends included. */
    private static void line(int[][] bits, Role[][] roles, int x0, int y0, int x1, int y1, Role role) {
        int dx = Math.abs(x1 - x0);
        int dy = -Math.abs(y1 - y0);
        int sx = x0 < x1 ? 1 : -1;
        int sy = y0 < y1 ? 1 : -1;
        int err = dx + dy;
        while (true) {
            dot(bits, roles, x0, y0, role);
            if (x0 == x1 && y0 == y1) {
                return;
            }
            int e2 = 2 * err;
            if (e2 >= dy) {
                err += dy;
                x0 += sx;
            }
            if (e2 <= dx) {
                err += dx;
                y0 += sy;
            }
        }
    }

    /** {xMin, xMax, yMin, yMax} over every finite point, or null when there is none. */
    static double[] range(List<Series> series) {
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.count(); i++) {
                double x = s.x()[i];
                double y = s.y()[i];
                if (Double.isFinite(x) && Double.isFinite(y)) {
                    xMin = Math.min(xMin, x);
                    xMax = Math.max(xMax, x);
                    yMin = Math.min(yMin, y);
                    yMax = Math.max(yMax, y);
                }
            }
        }
        if (xMin > xMax) {
            return null;
        }
        if (yMax - yMin <= Math.abs(yMax) * 1e-9) {
            // A flat line (a constant learning rate) sits in the middle of a small band.
            double pad = yMax == 0 ? 1 : Math.abs(yMax) * 0.1;
            yMin -= pad;
            yMax += pad;
        }
        return new double[] {xMin, xMax, yMin, yMax};
    }

    /** A short axis label: at most 7 columns ({@code 0.1235}, {@code 420}, {@code 1.0e-4}). */
    public static String label(double v) {
        double a = Math.abs(v);
        if (v == 0) {
            return "0";
        }
        if (a >= 1e5 || a < 1e-3) {
            String s = String.format(Locale.ROOT, "%.1e", v);
            return s.replace("e-0", "e-").replace("e+0", "e").replace("e+", "e");
        }
        if (a >= 100 && v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        int decimals = a >= 100 ? 0 : a >= 10 ? 2 : 4;
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }
}
