package org.danlu.app.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import java.util.List;
import java.util.function.Consumer;
import org.danlu.app.tui.screen.placeholder.ComingScreen;
import org.junit.jupiter.api.Test;

/** The frame around the screens, driven by keys on a virtual 80x24 terminal. */
class StudioFrameTest {
    private static final List<String> TITLES = List.of("screen.dataset", "screen.tags", "screen.buckets",
            "screen.params", "screen.train", "screen.runs");

    static Consumer<Studio> placeholders() {
        return s -> TITLES.forEach(t -> s.addScreen(new ComingScreen(t, s.messages())));
    }

    @Test
    void tabBarNamesAllSixScreensAndDigitsSwitch() throws Exception {
        try (VirtualStudio ui = new VirtualStudio(80, 24, "en", placeholders())) {
            String top = ui.rows().get(0);
            assertTrue(top.startsWith(" 1 Dataset  2 Tags  3 Buckets  4 Params  5 Train  6 Runs"), top);
            ui.type("4");
            assertEquals(3, ui.studio().currentIndex());
            assertTrue(ui.text().contains("Params — coming with training"), ui.text());
            ui.key(KeyType.Tab);
            assertTrue(ui.text().contains("Train — coming with training"), ui.text());
            ui.key(KeyType.ReverseTab).key(KeyType.ReverseTab);
            assertEquals(2, ui.studio().currentIndex());
        }
    }

    @Test
    void currentTabIsDrawnInTheActiveTabRole() throws Exception {
        try (VirtualStudio ui = new VirtualStudio(80, 24, "en", placeholders())) {
            ui.type("2");
            // " 2 Tags " starts after " 1 Dataset " (11 columns).
            var active = ui.cell(12, 0);
            var inactive = ui.cell(2, 0);
            assertEquals("2", active.getCharacterString());
            assertFalse(active.getBackgroundColor().equals(inactive.getBackgroundColor()),
                    "the current tab must stand out from the others");
        }
    }

    @Test
    void smallTerminalShowsEnlargeMessageAndStateSurvivesResize() throws Exception {
        try (VirtualStudio ui = new VirtualStudio(80, 24, "en", placeholders())) {
            ui.type("5");
            ui.resize(60, 20);
            String text = ui.text();
            assertTrue(text.contains("Please enlarge the terminal"), text);
            assertTrue(text.contains("It is 60x20; Danlu needs at least 80x24."), text);
            assertFalse(text.contains("Dataset"), "no half-drawn screens below 80x24:\n" + text);
            ui.resize(100, 30);
            assertTrue(ui.text().contains("Train — coming with training"), ui.text());
            assertEquals(100, ui.rows().get(0).length() <= 100 ? 100 : -1);
        }
    }

    @Test
    void statusBarShowsTheKeysThatMatter() throws Exception {
        try (VirtualStudio ui = new VirtualStudio(80, 24, "en", placeholders())) {
            String bar = ui.rows().get(23);
            assertTrue(bar.endsWith("? help q quit"), bar);
        }
    }

    @Test
    void helpOverlayListsBindingsAndAnyKeyClosesIt() throws Exception {
        try (VirtualStudio ui = new VirtualStudio(80, 24, "en", placeholders())) {
            ui.type("?");
            String text = ui.text();
            assertTrue(text.contains("Help"), text);
            assertTrue(text.contains("Everywhere"), text);
            assertTrue(text.contains("1..6 Tab  switch screen"), text);
            assertTrue(text.matches("(?s).*:/F2\\s+command.*"), text);
            ui.type("x");
            assertFalse(ui.text().contains("Everywhere"), ui.text());
            assertTrue(ui.studio().running(), "the key that closes help must not also act");
        }
    }

    @Test
    void commandPromptEchoesTypingAndReportsWhenNoDatasetIsOpen() throws Exception {
        try (VirtualStudio ui = new VirtualStudio(80, 24, "en", placeholders())) {
            ui.type(":undo");
            assertEquals(":undo█", ui.rows().get(23));
            ui.key(KeyType.Backspace).key(KeyType.Backspace);
            assertEquals(":un█", ui.rows().get(23));
            ui.key(KeyType.Enter);
            assertTrue(ui.rows().get(23).startsWith("No dataset is open"), ui.rows().get(23));
        }
    }

    @Test
    void chineseLabelsKeepTheTabBarAligned() throws Exception {
        try (VirtualStudio ui = new VirtualStudio(80, 24, "zh", placeholders())) {
            assertTrue(ui.rows().get(0).startsWith(" 1 数据集  2 标签  3 分桶  4 参数"), ui.rows().get(0));
            assertTrue(ui.rows().get(23).endsWith("? 帮助 q 退出"), ui.rows().get(23));
            // "数据集" is 6 columns: " 1 " + 6 + " " = 10, so the second tab's digit sits at column 11.
            assertEquals("2", ui.cell(11, 0).getCharacterString());
        }
    }

    @Test
    void qQuitsWhenNothingIsUnsaved() throws Exception {
        try (VirtualStudio ui = new VirtualStudio(80, 24, "en", placeholders())) {
            assertTrue(ui.studio().running());
            ui.type("q");
            assertFalse(ui.studio().running());
        }
    }

    @Test
    void themeAndColourDepthComeFromTheOptions() throws Exception {
        try (VirtualStudio light = new VirtualStudio(80, 24, "en", "danlu-light",
                org.danlu.app.tui.term.ColorDepth.TRUE_COLOR, placeholders())) {
            // danlu-light's background is #f5f5f0 (see themes/danlu-light.properties).
            assertEquals(new com.googlecode.lanterna.TextColor.RGB(0xf5, 0xf5, 0xf0),
                    light.cell(40, 12).getBackgroundColor());
        }
        try (VirtualStudio dark256 = new VirtualStudio(80, 24, "en", "danlu-dark",
                org.danlu.app.tui.term.ColorDepth.INDEXED_256, placeholders())) {
            // #1c1c1c is grey-ramp entry 234 (8 + 10 * 2 = 28 = 0x1c): no RGB escapes in 256 mode.
            assertEquals(new com.googlecode.lanterna.TextColor.Indexed(234), dark256.cell(40, 12).getBackgroundColor());
        }
    }

    @Test
    void mouseClickOnATabSwitchesAndTheWheelMovesTheList() throws Exception {
        try (VirtualStudio ui = new VirtualStudio(80, 24, "en", placeholders())) {
            // " 1 Dataset " is columns 0-10, " 2 Tags " 11-18, " 3 Buckets " 19-29.
            ui.press(new com.googlecode.lanterna.input.MouseAction(
                    com.googlecode.lanterna.input.MouseActionType.CLICK_DOWN, 1,
                    new com.googlecode.lanterna.TerminalPosition(22, 0)));
            assertEquals(2, ui.studio().currentIndex());
            ui.press(new com.googlecode.lanterna.input.MouseAction(
                    com.googlecode.lanterna.input.MouseActionType.CLICK_DOWN, 1,
                    new com.googlecode.lanterna.TerminalPosition(12, 0)));
            assertEquals(1, ui.studio().currentIndex());
        }
    }
}
