package org.danlu.app.tui.screen.picker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.danlu.app.tui.DatasetStudio;
import org.danlu.app.tui.VirtualStudio;
import org.danlu.app.tui.screen.TestDataset;
import org.danlu.app.tui.screen.dataset.DatasetScreen;
import org.danlu.engine.dataset.SampleDataset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dataset picker on an 80x24 virtual terminal over real folders in a temp dir: what it lists and
 * marks, moving through folders, and opening a dataset into the studio in the same session.
 */
class PickerScreenTest {
    @TempDir
    Path tmp;
    Path browse;
    Path real;
    Path gone;
    final List<Path> opened = new ArrayList<>();

    /**
     * browse/alpha (empty), browse/lora/10_cat (two "images" that are not images at all: the picker
     * counts names and must never decode), browse/real (a real train/ dataset), browse/.hidden, and a
     * plain file; a recent dataset elsewhere and one that no longer exists.
     */
    @BeforeEach
    void folders() throws Exception {
        browse = tmp.resolve("browse");
        Files.createDirectories(browse.resolve("alpha"));
        Path cat = browse.resolve("lora").resolve("10_cat");
        Files.createDirectories(cat);
        Files.writeString(cat.resolve("a.png"), "not a png", StandardCharsets.UTF_8);
        Files.writeString(cat.resolve("b.JPG"), "not a jpeg", StandardCharsets.UTF_8);
        Files.writeString(cat.resolve("a.txt"), "cat", StandardCharsets.UTF_8);
        real = TestDataset.basic(browse.resolve("real"));
        Files.createDirectories(browse.resolve(".hidden").resolve("5_x"));
        Files.writeString(browse.resolve("notes.txt"), "hello", StandardCharsets.UTF_8);
        gone = tmp.resolve("gone-dataset");
    }

    private VirtualStudio picker(String lang, List<Path> recent, Path missing) throws Exception {
        return new VirtualStudio(80, 24, lang, DatasetPicker.screens(new PickerSetup(recent, missing, browse, dir -> {
            opened.add(dir);
            return DatasetStudio.screens(dir);
        })));
    }

    private static String rowWith(VirtualStudio ui, String text) {
        return ui.rows().stream().filter(r -> r.contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("'" + text + "' not on screen:\n" + ui.text()));
    }

    @Test
    void listsRecentDatasetsAndTheFoldersHereMarkingTheOnesThatLookLikeKohyaDatasets() throws Exception {
        Path elsewhere = TestDataset.basic(tmp.resolve("elsewhere"));
        try (VirtualStudio ui = picker("en", List.of(elsewhere, gone), null)) {
            String text = ui.text();
            assertTrue(rowWith(ui, "Recent datasets").startsWith("Recent datasets"), text);
            String recent = rowWith(ui, elsewhere.toString());
            assertTrue(recent.startsWith("◆") && recent.endsWith("train/reg: 1 folders, 3 images"), recent);
            assertTrue(rowWith(ui, gone.toString()).endsWith("not found"), text);
            assertTrue(text.contains("Folders in " + browse), text);
            String lora = rowWith(ui, "lora/");
            assertTrue(lora.startsWith("◆") && lora.endsWith("kohya: 1 folders, 2 images"), lora);
            String realRow = rowWith(ui, "real/");
            assertTrue(realRow.startsWith("◆") && realRow.endsWith("train/reg: 1 folders, 3 images"), realRow);
            String alpha = rowWith(ui, "alpha/");
            assertFalse(alpha.contains("◆") || alpha.contains("kohya") || alpha.contains("images"), alpha);
            assertTrue(rowWith(ui, "..").contains("up one folder"), text);
            assertFalse(text.contains(".hidden") || text.contains("notes.txt"), "hidden folders and files are left out:\n" + text);
            assertTrue(ui.rows().get(23).contains("3 folders, 2 datasets"), ui.rows().get(23));
            assertTrue(ui.rows().get(0).contains("Open a dataset"), "the tab bar names the picker: " + ui.rows().get(0));
        }
    }

    @Test
    void enterGoesIntoAFolderAndBackspaceOrLeftComesBackToIt() throws Exception {
        try (VirtualStudio ui = picker("en", List.of(), null)) {
            // No recent datasets: the cursor starts on "..", then alpha, lora, real.
            ui.key(KeyType.ArrowDown).key(KeyType.Enter);
            assertTrue(ui.text().contains("Folders in " + browse.resolve("alpha")), ui.text());
            assertTrue(ui.text().contains("No folders here."), ui.text());
            ui.key(KeyType.Backspace);
            assertTrue(ui.text().contains("Folders in " + browse), ui.text());
            assertFalse(ui.text().contains("Folders in " + browse.resolve("alpha")), ui.text());
            // The cursor is back on alpha: Enter goes into it again, Left comes back.
            ui.key(KeyType.Enter);
            assertTrue(ui.text().contains("Folders in " + browse.resolve("alpha")), ui.text());
            ui.key(KeyType.ArrowLeft);
            ui.key(KeyType.ArrowDown).key(KeyType.ArrowRight);
            assertTrue(ui.text().contains("Folders in " + browse.resolve("lora")), "Right enters even a dataset:\n" + ui.text());
            assertTrue(ui.text().contains("This folder looks like a dataset (kohya: 1 folders, 2 images)"), ui.text());
            String sub = rowWith(ui, "10_cat/");
            assertFalse(sub.contains("◆"), "a subset folder is not itself a dataset: " + sub);
            ui.resize(60, 20);
            assertTrue(ui.text().contains("Please enlarge the terminal"), ui.text());
            ui.resize(100, 30);
            assertTrue(ui.text().contains("Folders in " + browse.resolve("lora")), "a resize keeps the place:\n" + ui.text());
            // ".." goes up too.
            ui.key(KeyType.Home).key(KeyType.Enter);
            assertTrue(ui.text().contains("3 folders, 2 datasets"), ui.text());
            assertTrue(opened.isEmpty(), "browsing opens nothing");
        }
    }

    @Test
    void enterOnADatasetOpensItInTheStudioOnTheDatasetScreenWithItsImages() throws Exception {
        try (VirtualStudio ui = picker("en", List.of(), null)) {
            ui.key(KeyType.End); // real/ is the last folder
            assertTrue(rowWith(ui, "real/").contains("train/reg"), ui.text());
            ui.key(KeyType.Enter);
            assertEquals(List.of(real.toAbsolutePath().normalize()), opened);
            assertTrue(ui.studio().currentScreen() instanceof DatasetScreen, "the studio replaced the picker");
            String text = ui.text();
            assertTrue(text.contains("10× shs dog"), text);
            assertTrue(text.contains("red.png") && text.contains("blue.png"), text);
            assertTrue(ui.rows().get(0).contains("Dataset") && ui.rows().get(0).contains("丹炉 real"), ui.rows().get(0));
            assertTrue(ui.studio().running());
            ui.type("q");
            assertFalse(ui.studio().running(), "q quits the studio that replaced the picker");
        }
    }

    @Test
    void dotOpensTheFolderBeingBrowsedAndOOpensTheSelectedOne() throws Exception {
        try (VirtualStudio ui = picker("en", List.of(), null)) {
            ui.key(KeyType.ArrowDown).key(KeyType.ArrowDown).key(KeyType.ArrowRight); // into lora/
            ui.type(".");
            assertEquals(List.of(browse.resolve("lora")), opened);
            assertTrue(ui.studio().currentScreen() instanceof DatasetScreen);
        }
        opened.clear();
        try (VirtualStudio ui = picker("en", List.of(), null)) {
            ui.key(KeyType.ArrowDown).type("o"); // alpha does not look like a dataset; o opens it all the same
            assertEquals(List.of(browse.resolve("alpha")), opened);
        }
    }

    @Test
    void aMissingRememberedDatasetIsReportedAndCannotBeOpened() throws Exception {
        try (VirtualStudio ui = picker("en", List.of(gone), gone)) {
            // Said on top, wrapped onto a second row when 80 columns are not enough.
            String top = ui.rows().get(1) + " " + ui.rows().get(2);
            assertTrue(top.startsWith("The last dataset, " + gone) && top.endsWith("no longer exists: pick another one."),
                    ui.text());
            ui.key(KeyType.Enter); // the cursor starts on the recent (gone) dataset
            assertTrue(opened.isEmpty());
            assertTrue(ui.rows().get(23).startsWith("gone-dataset is gone."), ui.rows().get(23));
            assertTrue(ui.studio().currentScreen() instanceof PickerScreen);
        }
    }

    @Test
    void slashJumpsToATypedPathAndABadPathIsSaidPlainly() throws Exception {
        try (VirtualStudio ui = picker("en", List.of(), null)) {
            ui.type("/");
            assertTrue(ui.rows().get(23).contains("go to: /"), ui.rows().get(23));
            ui.type(browse.resolve("lora").toString().substring(1)).key(KeyType.Enter);
            assertTrue(ui.text().contains("Folders in " + browse.resolve("lora")), ui.text());
            ui.type("/").type("nowhere-" + System.nanoTime()).key(KeyType.Enter);
            assertTrue(ui.rows().get(23).contains("No such folder: /nowhere-"), ui.rows().get(23));
            assertTrue(ui.text().contains("Folders in " + browse.resolve("lora")), "still where it was:\n" + ui.text());
            // A relative path is taken from the folder being browsed.
            ui.type("g").type("10_cat").key(KeyType.Enter);
            assertTrue(ui.text().contains("Folders in " + browse.resolve("lora").resolve("10_cat")), ui.text());
        }
    }

    @Test
    void theDemoDatasetLooksLikeADataset() throws Exception {
        SampleDataset.generate(browse.resolve("demo").resolve("train"), SampleDataset.DEFAULT_SEED);
        Files.createDirectories(browse.resolve("demo").resolve("model"));
        try (VirtualStudio ui = picker("en", List.of(), null)) {
            String demo = rowWith(ui, "demo/");
            assertTrue(demo.startsWith("◆") && demo.contains("train/reg: 2 folders"), demo);
        }
    }

    @Test
    void chineseTextsAndCjkFolderNamesKeepTheirColumns() throws Exception {
        Path cjk = browse.resolve("猫の写真集").resolve("20_猫 cat");
        Files.createDirectories(cjk);
        Files.writeString(cjk.resolve("一.png"), "x", StandardCharsets.UTF_8);
        try (VirtualStudio ui = picker("zh", List.of(), null)) {
            String text = ui.text();
            assertTrue(text.contains(browse + " 中的文件夹"), text);
            String row = rowWith(ui, "猫の写真集/");
            assertTrue(row.startsWith("◆") && row.endsWith("kohya：1 个文件夹，1 张图片"), row);
            String lora = rowWith(ui, "lora/");
            // The notes are right-aligned to the last column, wide characters counted as two columns:
            // "kohya：1 个文件夹，2 张图片" is 5+2+1+1+8+2+1+1+6 = 27 columns, so it starts at 80-27 = 53,
            // after the 猫の写真集/ name (10+1 columns) just as after lora/.
            assertEquals(53, columnOf(ui, row, "kohya"), text);
            assertEquals(53, columnOf(ui, lora, "kohya"), text);
            assertTrue(ui.rows().get(23).contains("4 个文件夹，3 个数据集"), ui.rows().get(23));
            assertNotEquals(-1, ui.rows().get(0).indexOf("打开数据集"), ui.rows().get(0));
        }
    }

    /** The terminal column where {@code text} starts in the row (wide characters take two columns). */
    private static int columnOf(VirtualStudio ui, String rowText, String text) {
        int r = ui.rows().indexOf(rowText);
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < 80; c++) {
            b.append(ui.cell(c, r).getCharacterString().charAt(0));
        }
        return b.indexOf(text);
    }
}
