package org.danlu.app.tui.widget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.util.List;
import org.danlu.app.tui.StudioView;
import org.danlu.app.tui.term.ColorDepth;
import org.danlu.app.tui.term.Palette;
import org.danlu.app.tui.term.Role;
import org.danlu.app.tui.term.ThemeFiles;
import org.junit.jupiter.api.Test;

/**
 * Braille chart cells for hand-worked series. Braille dots: left column top to bottom are bits
 * 0x01, 0x02, 0x04, 0x40; right column 0x08, 0x10, 0x20, 0x80; the glyph is U+2800 + bits.
 */
class LineChartTest {
    private static LineChart.Series series(double[] x, double[] y, Role role) {
        return new LineChart.Series("s", x, y, x.length, role);
    }

    @Test
    void risingDiagonalInOneCell() {
        // (0,0) -> (1,1) in a 1x1 plot (2x4 dots): from dot (0,3) bottom-left to dot (1,0) top-right.
        // Bresenham visits (0,3) (0,2) (1,1) (1,0): bits 0x40 + 0x04 + 0x10 + 0x08 = 0x5C = '⡜'.
        var p = LineChart.plot(List.of(series(new double[] {0, 1}, new double[] {0, 1}, Role.OK)), 1, 1);
        assertEquals("⡜", p.row(0));
        assertEquals(Role.OK, p.roles()[0][0]);
    }

    @Test
    void flatLineSitsInTheMiddleOfItsBand() {
        // y = 5 everywhere: the range becomes 4.5..5.5, so 5 maps to dot row round(0.5*3) = 2 from
        // the bottom = row 1 from the top: bit 0x02 left, 0x10 right = 0x12 = '⠒' in both cells.
        var p = LineChart.plot(List.of(series(new double[] {0, 3}, new double[] {5, 5}, Role.BAR)), 2, 1);
        assertEquals("⠒⠒", p.row(0));
        assertEquals(4.5, p.yMin(), 1e-12);
        assertEquals(5.5, p.yMax(), 1e-12);
    }

    @Test
    void nonFiniteValueBreaksTheLine() {
        // x 0..3 on 4 dots, y 0..1 on 4 dots. (0,0) and (1,0) are joined along the bottom row
        // (0x40 + 0x80 = '⣀'); the NaN breaks the line, so (3,1) is a lone top-right dot (0x08 = '⠈')
        // with nothing drawn between them.
        double[] x = {0, 1, 2, 3};
        double[] y = {0, 0, Double.NaN, 1};
        var p = LineChart.plot(List.of(series(x, y, Role.OK)), 2, 1);
        assertEquals("⣀⠈", p.row(0));
    }

    @Test
    void laterSeriesOwnsSharedCellsAndTwoRowsSplitTheRange() {
        // Two rows: 8 dot rows. Series A at y=0 (bottom dot row 7 = row 1, bit 0x40/0x80),
        // series B at y=1 (top dot row 0 = row 0, bits 0x01/0x08).
        var a = series(new double[] {0, 1}, new double[] {0, 0}, Role.DIM);
        var b = series(new double[] {0, 1}, new double[] {1, 1}, Role.WARN);
        var p = LineChart.plot(List.of(a, b), 1, 2);
        assertEquals("⠉", p.row(0));
        assertEquals("⣀", p.row(1));
        assertEquals(Role.WARN, p.roles()[0][0]);
        assertEquals(Role.DIM, p.roles()[1][0]);
    }

    @Test
    void noFinitePointIsNoPlot() {
        assertNull(LineChart.plot(List.of(series(new double[] {1}, new double[] {Double.NaN}, Role.OK)), 4, 2));
    }

    @Test
    void axisLabelsStayShort() {
        assertEquals("0.5", LineChart.label(0.5));
        assertEquals("0.1235", LineChart.label(0.12346));
        assertEquals("12.5", LineChart.label(12.5));
        assertEquals("1000", LineChart.label(1000));
        assertEquals("1.0e-4", LineChart.label(1e-4));
        assertEquals("0", LineChart.label(0));
    }

    @Test
    void drawnChartHasAxesLabelsAndLegend() throws Exception {
        TerminalScreen s = new TerminalScreen(new DefaultVirtualTerminal(new TerminalSize(30, 7)));
        s.startScreen();
        Palette pal = new Palette(ThemeFiles.load(ThemeFiles.locate("danlu-dark")), StudioView.class, ColorDepth.TRUE_COLOR);
        Canvas c = new Canvas(s.newTextGraphics(), pal);
        double[] x = {1, 2, 3, 4};
        double[] y = {1.0, 0.5, 0.25, 0.5};
        LineChart.draw(c, new LineChart.Model("Loss", List.of(new LineChart.Series("raw", x, y, 4, Role.OK)), "none"));
        String[] rows = new String[7];
        for (int r = 0; r < 7; r++) {
            StringBuilder b = new StringBuilder();
            for (int col = 0; col < 30; col++) {
                b.append(s.getBackCharacter(col, r).getCharacterString());
            }
            rows[r] = b.toString();
        }
        assertTrue(rows[0].startsWith("Loss  ⣿ raw"), rows[0]);
        // Five plot rows: y labels max 1 on the first, min 0.25 on the last, middle 0.625 on the third.
        assertTrue(rows[1].startsWith("    1┤"), rows[1]);
        assertTrue(rows[3].startsWith("0.625┤"), rows[3]);
        assertTrue(rows[5].startsWith(" 0.25┤"), rows[5]);
        assertTrue(rows[4].startsWith("     │"), rows[4]);
        // x axis: min step at the left, max at the right end.
        assertTrue(rows[6].startsWith("     └1─"), rows[6]);
        assertTrue(rows[6].endsWith("─4"), rows[6]);
        // The first point (1, 1.0) is the top-left dot of the plot: bit 0x01 in the first plot cell.
        int first = s.getBackCharacter(6, 1).getCharacterString().charAt(0) - 0x2800;
        assertEquals(0x01, first & 0x01);
    }
}
