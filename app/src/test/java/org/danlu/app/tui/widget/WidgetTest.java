package org.danlu.app.tui.widget;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.util.List;
import org.danlu.app.tui.StudioView;
import org.danlu.app.tui.term.ColorDepth;
import org.danlu.app.tui.term.Palette;
import org.danlu.app.tui.term.ThemeFiles;
import org.junit.jupiter.api.Test;

/** Widgets drawn onto a real Lanterna screen backed by a virtual terminal; cells read back. */
class WidgetTest {
    private static TerminalScreen screen(int cols, int rows) throws Exception {
        TerminalScreen s = new TerminalScreen(new DefaultVirtualTerminal(new TerminalSize(cols, rows)));
        s.startScreen();
        return s;
    }

    private static Canvas canvas(TerminalScreen s, ColorDepth depth) {
        Palette p = new Palette(ThemeFiles.load(ThemeFiles.locate("danlu-dark")), StudioView.class, depth);
        return new Canvas(s.newTextGraphics(), p);
    }

    @Test
    void halfBlockCellCarriesTopPixelAsForegroundAndBottomAsBackground() throws Exception {
        TerminalScreen s = screen(2, 1);
        // 2x2 image: top row red, green; bottom row blue, white.
        PixelGrid img = new PixelGrid(2, 2, new int[] {0xff0000, 0x00ff00, 0x0000ff, 0xffffff});
        HalfBlockImage.draw(canvas(s, ColorDepth.TRUE_COLOR), img);
        TextCharacter left = s.getBackCharacter(0, 0);
        TextCharacter right = s.getBackCharacter(1, 0);
        assertEquals("▀", left.getCharacterString());
        assertEquals(new TextColor.RGB(255, 0, 0), left.getForegroundColor());
        assertEquals(new TextColor.RGB(0, 0, 255), left.getBackgroundColor());
        assertEquals(new TextColor.RGB(0, 255, 0), right.getForegroundColor());
        assertEquals(new TextColor.RGB(255, 255, 255), right.getBackgroundColor());
    }

    @Test
    void halfBlockIn256ColourModeUsesPaletteIndices() throws Exception {
        TerminalScreen s = screen(2, 1);
        PixelGrid img = new PixelGrid(2, 2, new int[] {0xff0000, 0x00ff00, 0x0000ff, 0xffffff});
        HalfBlockImage.draw(canvas(s, ColorDepth.INDEXED_256), img);
        // Cube indices: red 16+36*5 = 196, blue 16+5 = 21, green 16+6*5 = 46, white 16+215 = 231.
        assertEquals(new TextColor.Indexed(196), s.getBackCharacter(0, 0).getForegroundColor());
        assertEquals(new TextColor.Indexed(21), s.getBackCharacter(0, 0).getBackgroundColor());
        assertEquals(new TextColor.Indexed(46), s.getBackCharacter(1, 0).getForegroundColor());
        assertEquals(new TextColor.Indexed(231), s.getBackCharacter(1, 0).getBackgroundColor());
    }

    @Test
    void previewKeepsAspectRatioWithSquareHalfBlockPixels() {
        // A 1024x512 image in 40x15 cells (40x30 pixels): width-limited, 40x20 pixels = 10 rows.
        assertArrayEquals(new int[] {40, 20}, HalfBlockImage.fitPixels(1024, 512, 40, 15));
        // A 512x1024 portrait: height-limited at 30 pixels, width 15.
        assertArrayEquals(new int[] {15, 30}, HalfBlockImage.fitPixels(512, 1024, 40, 15));
        // Tiny images are not enlarged.
        assertArrayEquals(new int[] {2, 2}, HalfBlockImage.fitPixels(2, 2, 40, 15));
    }

    @Test
    void tableKeepsColumnsAlignedWithCjkNames() throws Exception {
        TerminalScreen s = screen(30, 5);
        var model = new TableView.Model("", List.of(TableView.Column.left("name", 10), TableView.Column.right("n", 4)),
                List.of(new TableView.Row(List.of("少女猫耳长发", "12")), new TableView.Row(List.of("cat", "3"))),
                0, true, "");
        TableView.draw(canvas(s, ColorDepth.TRUE_COLOR), model);
        s.refresh();
        // "少女猫耳长发" is 12 columns; cut to 10 = "少女猫耳" (8) + "…" (1) + 1 space.
        assertEquals("少", s.getBackCharacter(0, 1).getCharacterString());
        assertEquals("…", s.getBackCharacter(8, 1).getCharacterString());
        // The count column starts at column 11 in both rows: right-aligned "12" ends at column 14.
        assertEquals("2", s.getBackCharacter(14, 1).getCharacterString());
        assertEquals("3", s.getBackCharacter(14, 2).getCharacterString());
    }

    @Test
    void barIsScaledToTheLargestValueInEighths() {
        assertEquals("██████████", BarChart.bar(10, 10, 10));
        assertEquals("█████     ", BarChart.bar(5, 10, 10));
        // 1/16 of 10 cells = 5 eighths: one partial block "▋" (5/8).
        assertEquals("▋         ", BarChart.bar(1, 16, 10));
        assertEquals("          ", BarChart.bar(0, 10, 10));
    }

    @Test
    void statusBarDropsHintsThatDoNotFit() throws Exception {
        TerminalScreen s = screen(30, 1);
        var hints = List.of(new StatusBar.Hint("u", "undo"), new StatusBar.Hint("/", "filter"),
                new StatusBar.Hint("q", "quit"));
        StatusBar.draw(canvas(s, ColorDepth.TRUE_COLOR), new StatusBar.Model("12 images", org.danlu.app.tui.term.Role.STATUS, hints));
        StringBuilder row = new StringBuilder();
        for (int c = 0; c < 30; c++) {
            row.append(s.getBackCharacter(c, 0).getCharacterString());
        }
        // "12 images" (9 columns) keeps min(9+1, max(12, 30/3)) = 10, leaving 20 for hints:
        // " u undo" (7) + " / filter" (9) = 16 fit, " q quit" (7) would make 23. Hints end at column 30.
        assertEquals("12 images      u undo / filter", row.toString().stripTrailing());
        assertTrue(!row.toString().contains("quit"));
    }
}
