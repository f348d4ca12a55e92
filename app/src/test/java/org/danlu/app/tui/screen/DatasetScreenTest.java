package org.danlu.app.tui.screen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.danlu.app.tui.DatasetStudio;
import org.danlu.app.tui.VirtualStudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Dataset screen on a real dataset in a temp folder, driven by keys on an 80x24 virtual terminal. */
class DatasetScreenTest {
    @TempDir
    Path dir;

    private VirtualStudio open() throws Exception {
        return new VirtualStudio(80, 24, "en", DatasetStudio.screens(dir));
    }

    private static int rowOf(VirtualStudio ui, String text) {
        for (int i = 0; i < ui.rows().size(); i++) {
            if (ui.rows().get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("'" + text + "' not on screen:\n" + ui.text());
    }

    /** Terminal column where {@code text} starts in a row (wide characters take two columns). */
    private static int columnOf(VirtualStudio ui, int row, String text) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < 80; c++) {
            b.append(ui.cell(c, row).getCharacterString().charAt(0));
        }
        int i = b.indexOf(text);
        assertTrue(i >= 0, text + " not in row " + row);
        return i;
    }

    @Test
    void theFilterPromptCompletesTagsWithTab() throws Exception {
        TestDataset.basic(dir);
        try (VirtualStudio ui = open()) {
            ui.type("/tag:sm").key(KeyType.Tab);
            assertTrue(ui.rows().get(23).contains("/tag:smile"), ui.rows().get(23));
            ui.key(KeyType.Enter);
            assertTrue(ui.text().contains("Images (2)"), ui.text());
            assertFalse(ui.text().contains("blue.png"), ui.text());
        }
    }

    @Test
    void markedImagesAreWhatABulkEditChanges() throws Exception {
        TestDataset.basic(dir);
        Path folder = dir.resolve("train/10_shs dog");
        try (VirtualStudio ui = open()) {
            ui.type(" ");                                          // marks blue.png (first by name), moves to red.png
            ui.key(KeyType.ArrowDown).type(" ");                      // skips red.png, marks 猫の画像.png
            assertTrue(ui.rows().get(rowOf(ui, "blue.png")).contains("● blue.png"), ui.text());
            assertFalse(ui.rows().get(rowOf(ui, "red.png")).contains("●"), ui.text());
            assertTrue(ui.rows().get(23).startsWith("2 marked"), ui.rows().get(23));
            ui.type(":add kept --front").key(KeyType.Enter);
            assertTrue(ui.text().contains("the 2 marked images"), ui.text());
            ui.type("y");
            assertEquals("kept, shs dog, sitting, grass", Files.readString(folder.resolve("blue.txt")).strip());
            assertEquals("shs dog, smile, grass", Files.readString(folder.resolve("red.txt")).strip(), "not marked");
            assertEquals("kept, shs dog, smile, 猫耳", Files.readString(folder.resolve("猫の画像.txt")).strip());

            ui.key(KeyType.Escape);
            assertFalse(ui.text().contains("●"), ui.text());
            ui.type("*");                                          // every shown image
            assertEquals(3, ui.rows().stream().filter(r -> r.contains("● ")).count(), ui.text());
            ui.type("*");
            assertFalse(ui.text().contains("●"), ui.text());
        }
    }

    @Test
    void zoomShowsOneImageOverTheScreenAndTheArrowsStillWalkTheList() throws Exception {
        TestDataset.basic(dir);
        try (VirtualStudio ui = open()) {
            ui.type("z");
            assertTrue(ui.rows().get(1).startsWith("blue.png  (1 of 3)"), ui.text());
            assertFalse(ui.text().contains("Folders"), "the lists give way to the preview: " + ui.text());
            ui.key(KeyType.ArrowDown).type(" ");                   // next image; Space marks it and moves on
            assertTrue(ui.rows().get(1).startsWith("猫の画像.png  (3 of 3)"), ui.text());
            ui.key(KeyType.ArrowUp);
            assertTrue(ui.rows().get(1).startsWith("● red.png  (2 of 3)"), ui.text());
            ui.type("z");
            assertTrue(ui.text().contains("Folders"), ui.text());
        }
    }

    @Test
    void captionWritesOnlyTheMissingCaptionsAndUndoRemovesThem() throws Exception {
        TestDataset.basic(dir);
        Path folder = dir.resolve("train/10_shs dog");
        TestDataset.png(folder.resolve("green.png"), 32, 32, java.awt.Color.GREEN);
        byte[] red = Files.readAllBytes(folder.resolve("red.txt"));
        try (VirtualStudio ui = open()) {
            ui.type(":caption \"shs dog, fresh\"").key(KeyType.Enter);
            assertTrue(ui.text().contains("1 caption files change"), ui.text());
            ui.type("y");
            assertEquals("shs dog, fresh", Files.readString(folder.resolve("green.txt")).strip());
            assertArrayEquals(red, Files.readAllBytes(folder.resolve("red.txt")), "an existing caption is never touched");
            ui.type(":undo").key(KeyType.Enter);
            assertFalse(Files.exists(folder.resolve("green.txt")), "undo deletes the caption it created");
        }
    }

    @Test
    void excludeSetsTheMarkedImageAsideAndRestoreBringsItBack() throws Exception {
        TestDataset.basic(dir);
        Path folder = dir.resolve("train/10_shs dog");
        try (VirtualStudio ui = open()) {
            ui.type(" ");                                          // marks blue.png
            ui.type(":exclude").key(KeyType.Enter);
            assertTrue(ui.text().contains("1 image moves into .excluded"), ui.text());
            ui.type("y");
            assertTrue(ui.rows().get(23).startsWith("Set aside 1 image and 1 caption"), ui.rows().get(23));
            assertTrue(Files.exists(folder.resolve(".excluded/blue.png")) && Files.exists(folder.resolve(".excluded/blue.txt")));
            assertFalse(ui.text().contains("blue.png"), ui.text());
            assertTrue(ui.text().contains("Images (2)"), ui.text());
            String status = ui.studio().currentScreen().status(); // the bar shows it once the flash is gone
            assertTrue(status.contains("1 set aside (:restore)"), status);
            ui.type(":restore").key(KeyType.Enter);
            assertTrue(ui.text().contains("Images (3)"), ui.text());
            assertTrue(Files.exists(folder.resolve("blue.png")) && !Files.exists(folder.resolve(".excluded")));
        }
    }

    @Test
    void listsFoldersAndImagesWithCjkNamesKeepingColumnsAligned() throws Exception {
        TestDataset.basic(dir);
        try (VirtualStudio ui = open()) {
            String text = ui.text();
            assertTrue(text.contains("10× shs dog      3/3"), text);
            int red = rowOf(ui, "red.png");
            int cat = rowOf(ui, "猫の画像.png");
            // Both are 64x48: the size must sit in the same terminal columns although 猫の画像 is
            // 8 columns wide for 4 characters.
            assertEquals(columnOf(ui, red, "64x48"), columnOf(ui, cat, "64x48"), text);
            assertTrue(ui.rows().get(23).contains("3 shown of 3 images"), ui.rows().get(23));
        }
    }

    @Test
    void previewDrawsTheSelectedImageWithHalfBlocks() throws Exception {
        TestDataset.basic(dir);
        try (VirtualStudio ui = open()) {
            // blue.png sorts first, so it is selected; its preview is solid blue.
            TextCharacter pixel = findHalfBlock(ui);
            assertEquals(new TextColor.RGB(0, 0, 255), pixel.getForegroundColor());
            assertEquals(new TextColor.RGB(0, 0, 255), pixel.getBackgroundColor());
            ui.key(KeyType.ArrowDown);
            assertEquals(new TextColor.RGB(255, 0, 0), findHalfBlock(ui).getForegroundColor(),
                    "moving down selects red.png and its preview follows");
            assertTrue(ui.text().contains("shs dog, smile, grass"), "the caption is shown:\n" + ui.text());
        }
    }

    private static TextCharacter findHalfBlock(VirtualStudio ui) {
        for (int r = 1; r < 23; r++) {
            for (int c = 50; c < 80; c++) {
                if (ui.cell(c, r).getCharacterString().equals("▀")) {
                    return ui.cell(c, r);
                }
            }
        }
        throw new AssertionError("no half-block preview on screen:\n" + ui.text());
    }

    @Test
    void corruptImageShowsAPlaceholderWithTheReason() throws Exception {
        TestDataset.basic(dir);
        TestDataset.brokenPng(dir.resolve("train/10_shs dog/broken.png"), 64, 48);
        try (VirtualStudio ui = open()) {
            ui.key(KeyType.ArrowDown); // blue, broken, red, 猫
            String text = ui.text();
            assertTrue(text.contains("No preview:"), text);
            assertTrue(text.contains("cannot decode"), "the reason is shown:\n" + text);
            assertFalse(text.contains("Exception\n"), "no stack trace on screen:\n" + text);
        }
    }

    @Test
    void slashFiltersByTagAndByMissingCaption() throws Exception {
        TestDataset.basic(dir);
        TestDataset.png(dir.resolve("train/10_shs dog/plain.png"), 64, 64, java.awt.Color.WHITE);
        try (VirtualStudio ui = open()) {
            ui.type("/tag:smile").key(KeyType.Enter);
            String text = ui.text();
            assertTrue(text.contains("red.png") && text.contains("猫の画像.png"), text);
            assertFalse(text.contains("blue.png"), text);
            assertTrue(ui.rows().get(23).contains("/tag:smile"), ui.rows().get(23));
            ui.type("/");
            for (int i = 0; i < 9; i++) {
                ui.key(KeyType.Backspace);
            }
            ui.type("nocaption").key(KeyType.Enter);
            assertTrue(ui.text().contains("plain.png"), ui.text());
            assertFalse(ui.text().contains("red.png"), ui.text());
        }
    }

    @Test
    void renamingAFolderShowsLiveStepsAndRenamesOnDiskAfterConfirming() throws Exception {
        TestDataset.basic(dir);
        try (VirtualStudio ui = open()) {
            ui.key(KeyType.ArrowLeft).key(KeyType.ArrowDown).type("r");
            assertTrue(ui.rows().get(23).startsWith("folder name: 10_shs dog"), ui.rows().get(23));
            for (int i = 0; i < "10_shs dog".length(); i++) {
                ui.key(KeyType.Backspace);
            }
            ui.type("5_shs cat");
            // 3 images x 5 repeats = 15 samples; batch 1 -> 15 batches; 10 epochs -> 150 steps.
            assertTrue(ui.rows().get(23).endsWith("15 batches/epoch, 150 steps"), ui.rows().get(23));
            ui.key(KeyType.Enter);
            assertTrue(ui.text().contains("Rename folder on disk?"), ui.text());
            ui.type("y");
            assertTrue(Files.isDirectory(dir.resolve("train/5_shs cat")));
            assertFalse(Files.exists(dir.resolve("train/10_shs dog")));
            assertTrue(ui.text().contains("5× shs cat"), ui.text());
        }
    }

    @Test
    void aWiderTerminalAddsTheBucketColumnAndKeepsTheSelection() throws Exception {
        TestDataset.basic(dir);
        try (VirtualStudio ui = open()) {
            ui.key(KeyType.ArrowDown); // red.png
            ui.resize(140, 40);
            String text = ui.text();
            assertTrue(text.contains("bucket"), text);
            assertTrue(text.contains("shs dog, smile, grass"), "red.png is still selected:\n" + text);
        }
    }

    @Test
    void chineseLabelsAndNamesShareTheColumns() throws Exception {
        TestDataset.basic(dir);
        try (VirtualStudio ui = new VirtualStudio(80, 24, "zh", DatasetStudio.screens(dir))) {
            String text = ui.text();
            assertTrue(text.contains("全部文件夹"), text);
            assertTrue(text.contains("文件名"), text);
            int red = rowOf(ui, "red.png");
            int cat = rowOf(ui, "猫の画像.png");
            assertEquals(columnOf(ui, red, "64x48"), columnOf(ui, cat, "64x48"), text);
            // The pane separators stay in one column on every row, whatever the text's width.
            int sep = columnOf(ui, 1, "│");
            for (int r = 1; r < 23; r++) {
                assertEquals("│", ui.cell(sep, r).getCharacterString(), "row " + r + ":\n" + text);
            }
        }
    }

    @Test
    void sSortsBySizeLargestFirst() throws Exception {
        TestDataset.basic(dir);
        TestDataset.png(dir.resolve("train/10_shs dog/zbig.png"), 640, 480, java.awt.Color.WHITE);
        try (VirtualStudio ui = open()) {
            assertTrue(rowOf(ui, "zbig.png") > rowOf(ui, "blue.png"), "name order first:\n" + ui.text());
            ui.type("s");
            assertTrue(rowOf(ui, "zbig.png") < rowOf(ui, "blue.png"), "then size, largest first:\n" + ui.text());
            assertTrue(ui.rows().get(1).contains("Images (4) by size"), ui.rows().get(1));
        }
    }
}
