package org.danlu.app.tui.screen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.danlu.app.tui.DatasetStudio;
import org.danlu.app.tui.VirtualStudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tag editing on a real dataset: what the screen shows and what lands in the caption files. */
class TagsScreenTest {
    @TempDir
    Path dir;

    private Path folder() {
        return dir.resolve("train/10_shs dog");
    }

    private String caption(String stem) throws Exception {
        return Files.readString(folder().resolve(stem + ".txt"), StandardCharsets.UTF_8);
    }

    private static String row(VirtualStudio ui, String start) {
        return ui.rows().stream().map(r -> r.substring(Math.min(r.length(), 54)))
                .filter(r -> r.startsWith(start)).findFirst().orElse("");
    }

    @Test
    void renameFromTheTagTableShowsTheNewTagWithItsCountAndUndoRestoresTheBytes() throws Exception {
        TestDataset.basic(dir);
        byte[] red = Files.readAllBytes(folder().resolve("red.txt"));
        byte[] cat = Files.readAllBytes(folder().resolve("猫の画像.txt"));
        try (VirtualStudio ui = new VirtualStudio(80, 24, "en", DatasetStudio.screens(dir))) {
            ui.type("2").key(KeyType.ArrowRight);
            // Frequency order: shs dog 3, grass 2, smile 2, sitting 1, 猫耳 1.
            ui.key(KeyType.ArrowDown).key(KeyType.ArrowDown).type("n");
            for (int i = 0; i < 5; i++) {
                ui.key(KeyType.Backspace);
            }
            ui.type("grin").key(KeyType.Enter);
            assertTrue(ui.text().contains("2 caption files change"), ui.text());
            ui.type("y");
            assertTrue(row(ui, "grin").matches("grin\\s+2"), ui.text());
            assertEquals("", row(ui, "smile"), ui.text());
            assertEquals("shs dog, grin, grass", caption("red"));
            assertEquals("shs dog, grin, 猫耳", caption("猫の画像"));

            ui.type("u");
            assertArrayEquals(red, Files.readAllBytes(folder().resolve("red.txt")));
            assertArrayEquals(cat, Files.readAllBytes(folder().resolve("猫の画像.txt")));
            assertTrue(row(ui, "smile").matches("smile\\s+2"), ui.text());
            ui.ctrl('r');
            assertEquals("shs dog, grin, grass", caption("red"), "Ctrl-R redoes the rename");
        }
    }

    @Test
    void tagListAddsAfterTheCurrentTagAndDeletes() throws Exception {
        TestDataset.basic(dir);
        try (VirtualStudio ui = new VirtualStudio(80, 24, "en", DatasetStudio.screens(dir))) {
            ui.type("2"); // blue.png: shs dog, sitting, grass; cursor on "shs dog"
            assertTrue(ui.rows().get(23).contains("a add"), ui.rows().get(23));
            assertTrue(ui.rows().get(23).contains("u undo"), ui.rows().get(23));
            ui.type("a").type("outdoors").key(KeyType.Enter);
            assertEquals("shs dog, outdoors, sitting, grass", caption("blue"));
            ui.key(KeyType.End).type("x");
            assertEquals("shs dog, outdoors, sitting", caption("blue"));
            assertTrue(ui.text().contains("  outdoors"), ui.text());
        }
    }

    @Test
    void moveUpSwapsWithThePreviousTagAndOneUndoRestoresTheBytes() throws Exception {
        TestDataset.basic(dir);
        // Odd spacing and a second line: undo must give back these exact bytes, not a tidied copy.
        TestDataset.caption(folder().resolve("blue.txt"), "shs dog,sitting ,  grass\nsecond line\n");
        byte[] before = Files.readAllBytes(folder().resolve("blue.txt"));
        try (VirtualStudio ui = new VirtualStudio(80, 24, "en", DatasetStudio.screens(dir))) {
            ui.type("2").key(KeyType.End).type("[");
            assertEquals(java.util.List.of("shs dog", "grass", "sitting"),
                    org.danlu.engine.dataset.TagLine.parse(caption("blue").lines().findFirst().orElseThrow()).tags());
            assertTrue(caption("blue").endsWith("second line\n"), caption("blue"));
            assertTrue(ui.rows().get(23).contains("move grass up (1 files)"), ui.rows().get(23));
            ui.type("u");
            assertArrayEquals(before, Files.readAllBytes(folder().resolve("blue.txt")), "one u undoes the whole move");
            assertTrue(ui.rows().get(23).startsWith("Undone:"), ui.rows().get(23));
            ui.type("u");
            assertTrue(ui.rows().get(23).contains("Nothing to undo"), "the move was one journal entry: " + ui.rows().get(23));
        }
    }

    @Test
    void keepBoundaryAndShufflePreviewFollowTheCursor() throws Exception {
        TestDataset.basic(dir);
        try (VirtualStudio ui = new VirtualStudio(80, 24, "en", DatasetStudio.screens(dir))) {
            ui.type("2");
            assertTrue(ui.text().contains("keep_tokens = 1"), ui.text());
            ui.key(KeyType.ArrowDown).type("b");
            assertTrue(ui.text().contains("keep_tokens = 2"), ui.text());
            // With two kept tags the preview always starts "shs dog, sitting".
            assertTrue(ui.text().contains("shs dog, sitting, grass"), ui.text());
        }
    }

    @Test
    void colonReplaceAsksWithTheFileCountThenUndoByCommand() throws Exception {
        TestDataset.basic(dir);
        byte[] blue = Files.readAllBytes(folder().resolve("blue.txt"));
        try (VirtualStudio ui = new VirtualStudio(80, 24, "en", DatasetStudio.screens(dir))) {
            ui.type(":replace \"grass\" \"lawn\"").key(KeyType.Enter);
            assertTrue(ui.text().contains("replace grass with lawn"), ui.text());
            assertTrue(ui.text().contains("2 caption files change"), ui.text());
            ui.type("y");
            assertEquals("shs dog, sitting, lawn", caption("blue"));
            ui.type(":undo").key(KeyType.Enter);
            assertArrayEquals(blue, Files.readAllBytes(folder().resolve("blue.txt")));
            ui.type(":replace grass").key(KeyType.Enter);
            assertTrue(ui.rows().get(23).contains("usage: replace OLD NEW"), ui.rows().get(23));
            ui.type(":replace grass lawn").key(KeyType.Enter).type("n");
            assertFalse(caption("blue").contains("lawn"), "n cancels: nothing written");
        }
    }

    @Test
    void aCaptionChangedByAnotherProgramIsLeftAloneAndReloadIsOffered() throws Exception {
        TestDataset.basic(dir);
        try (VirtualStudio ui = new VirtualStudio(80, 24, "en", DatasetStudio.screens(dir))) {
            // Another program edits red.txt after the studio read it.
            Files.writeString(folder().resolve("red.txt"), "shs dog, smile, grass, edited elsewhere");
            ui.type(":replace smile grin").key(KeyType.Enter).type("y");
            assertTrue(ui.text().contains("Captions changed on disk"), ui.text());
            assertTrue(ui.text().contains("train/10_shs dog/red.txt"), ui.text());
            assertEquals("shs dog, smile, grass, edited elsewhere", caption("red"), "the other program's text is kept");
            assertEquals("shs dog, grin, 猫耳", caption("猫の画像"), "the unchanged caption was edited");
            ui.type("y");
            ui.type("2").key(KeyType.ArrowRight);
            assertTrue(ui.text().contains("edited elsewhere"), "after the reload the tag table shows the file as it is:\n" + ui.text());
        }
    }

    @Test
    void tabCompletesTagsFromTheDatasetInTagPromptsAndInTheCommandLine() throws Exception {
        TestDataset.basic(dir);
        try (VirtualStudio ui = new VirtualStudio(80, 24, "en", DatasetStudio.screens(dir))) {
            ui.type("2a").type("sm");                            // blue.png: add a tag
            assertTrue(ui.rows().get(23).contains("Tab: smile"), ui.rows().get(23));
            ui.key(KeyType.Tab).key(KeyType.Enter);
            assertEquals("shs dog, smile, sitting, grass", caption("blue"));
            ui.type(":rep").key(KeyType.Tab).type("gra").key(KeyType.Tab).type("lawn");
            assertTrue(ui.rows().get(23).contains(":replace grass lawn"), ui.rows().get(23));
            ui.key(KeyType.Enter).type("y");
            assertEquals("shs dog, smile, lawn", caption("red"));
        }
    }

    @Test
    void theWholeCaptionIsEditedAsOneLineAndUndoneInOneStep() throws Exception {
        TestDataset.basic(dir);
        byte[] blue = Files.readAllBytes(folder().resolve("blue.txt"));
        try (VirtualStudio ui = new VirtualStudio(80, 24, "en", DatasetStudio.screens(dir))) {
            ui.type("2E");                                       // blue.png: "shs dog, sitting, grass" in the prompt
            assertTrue(ui.text().contains("Caption: shs dog, sitting, grass"), ui.text());
            for (int i = 0; i < "sitting, grass".length(); i++) {
                ui.key(KeyType.Backspace);
            }
            ui.type("a dog sitting on the lawn ||| photo").key(KeyType.Enter);
            assertEquals("shs dog, a dog sitting on the lawn ||| photo", caption("blue"));
            assertTrue(ui.text().contains("▪ a dog sitting on the"), "kept before |||: " + ui.text());
            ui.type("u");
            assertArrayEquals(blue, Files.readAllBytes(folder().resolve("blue.txt")), "one undo step");
        }
    }

    @Test
    void editInTheListAndFilterTheDatasetFromTheTable() throws Exception {
        TestDataset.basic(dir);
        try (VirtualStudio ui = new VirtualStudio(80, 24, "en", DatasetStudio.screens(dir))) {
            ui.type("2").key(KeyType.ArrowDown).type("e"); // blue.png, cursor on "sitting"
            for (int i = 0; i < "sitting".length(); i++) {
                ui.key(KeyType.Backspace);
            }
            ui.type("lying").key(KeyType.Enter);
            assertEquals("shs dog, lying, grass", caption("blue"));
            // Table order now: shs dog 3, grass 2, smile 2, lying 1, 猫耳 1; pick smile and filter.
            ui.key(KeyType.ArrowRight).key(KeyType.ArrowDown).key(KeyType.ArrowDown).type("f");
            assertEquals(0, ui.studio().currentIndex(), "f shows the Dataset screen");
            assertTrue(ui.text().contains("Images (2) by name"), ui.text());
            assertTrue(ui.text().contains("red.png") && ui.text().contains("猫の画像.png"), ui.text());
            assertFalse(ui.text().contains("blue.png"), ui.text());
        }
    }

    @Test
    void theFirstTagOfAnImageWithoutCaptionCreatesItsFileAndOneUndoRemovesIt() throws Exception {
        TestDataset.basic(dir);
        TestDataset.png(folder().resolve("a-plain.png"), 32, 32, java.awt.Color.GRAY); // first by name, no caption
        Path txt = folder().resolve("a-plain.txt");
        try (VirtualStudio ui = new VirtualStudio(80, 24, "en", DatasetStudio.screens(dir))) {
            ui.type("2");
            assertTrue(ui.text().contains("a-plain.png"), ui.text());
            ui.type("a").type("outdoors").key(KeyType.Enter);
            assertTrue(Files.exists(txt), "the caption file is created");
            assertEquals("outdoors", caption("a-plain").strip());
            assertTrue(ui.rows().get(23).startsWith("Done: create a-plain.txt with"), ui.rows().get(23));
            assertTrue(ui.text().contains("▪ outdoors"), "the list shows the new tag:\n" + ui.text());
            ui.type("u");
            assertFalse(Files.exists(txt), "undo deletes the created caption again");
        }
    }
}
