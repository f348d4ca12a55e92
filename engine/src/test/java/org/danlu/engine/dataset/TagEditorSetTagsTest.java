package org.danlu.engine.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TagEditorSetTagsTest {

    @TempDir
    Path root;
    Path a;
    Path bare;
    final byte[] aBytes = "\uFEFFshs, dog, grass\r\nsecond line\r\n".getBytes(StandardCharsets.UTF_8);

    @BeforeEach
    void dataset() throws IOException {
        Path dir = root.resolve("10_dog");
        TestImages.write(dir.resolve("a.png"), TestImages.png(64, 64));
        a = TestImages.write(dir.resolve("a.txt"), aBytes);
        bare = TestImages.write(dir.resolve("bare.png"), TestImages.png(64, 65));
    }

    private DatasetScan scan() {
        return new DatasetScanner().scan(root);
    }

    @Test
    void settingTheWholeLineIsOneUndoStepAndKeepsTheRestOfTheFile() throws IOException {
        TagEditor ed = new TagEditor(root);
        // "move tag": grass moved to second place, as the studio would send it
        EditResult r = ed.apply(scan(), Selection.images(List.of(root.resolve("10_dog/a.png"))),
                new TagEdit.SetTags(List.of("shs", "grass", "dog")));
        assertEquals(1, r.journalId());
        assertEquals("\uFEFFshs, grass, dog\r\nsecond line\r\n", Files.readString(a, StandardCharsets.UTF_8),
                "BOM, CRLF and the second line kept");
        assertEquals(List.of("shs", "grass", "dog"), r.scan().images().get(0).tags(), "the returned scan has it");
        assertEquals(1, ed.history().size());
        ed.undo();
        assertArrayEquals(aBytes, Files.readAllBytes(a));
    }

    @Test
    void anImageWithoutACaptionGetsOneAndUndoDeletesIt() throws IOException {
        Path caption = root.resolve("10_dog/bare.txt");
        TagEditor ed = new TagEditor(root);
        EditResult r = ed.apply(scan(), Selection.images(List.of(bare)), new TagEdit.SetTags(List.of("dog", "sky")));
        assertEquals("dog, sky\n", Files.readString(caption, StandardCharsets.UTF_8));
        assertEquals(List.of(new CaptionChange(caption, "", "dog, sky")), r.changes());
        assertEquals(List.of("dog", "sky"), r.scan().images().stream().filter(e -> e.path().equals(bare))
                .findFirst().orElseThrow().tags());
        assertEquals(List.of(), new DatasetScanner().scan(root).findings().stream()
                .filter(f -> f.kind().equals("no-caption")).toList(), "a rescan sees the new caption");

        assertEquals(1, new TagEditor(root).undo().changes().size());
        assertFalse(Files.exists(caption), "undo deletes the created caption");
        new TagEditor(root).redo();
        assertEquals("dog, sky\n", Files.readString(caption, StandardCharsets.UTF_8));
    }

    @Test
    void aCaptionCreatedElsewhereSinceTheScanIsAConflict() throws IOException {
        DatasetScan s = scan();
        Path caption = Files.writeString(root.resolve("10_dog/bare.txt"), "written by hand\n");
        EditResult r = new TagEditor(root).apply(s, Selection.images(List.of(bare)), new TagEdit.SetTags(List.of("x")));
        assertEquals(List.of(caption), r.conflicts().stream().map(Finding::file).toList());
        assertEquals("written by hand\n", Files.readString(caption));
        assertEquals(0, r.journalId());
    }

    @Test
    void otherEditsStillSkipImagesWithoutACaptionAndEmptyTagsCreateNothing() throws IOException {
        EditResult r = new TagEditor(root).apply(scan(), Selection.all(), new TagEdit.Add("x", TagEdit.Position.BACK, 0));
        assertTrue(r.skipped().stream().anyMatch(f -> f.file().equals(bare) && f.kind().equals("no-caption")));
        new TagEditor(root).apply(scan(), Selection.images(List.of(bare)), new TagEdit.SetTags(List.of()));
        assertFalse(Files.exists(root.resolve("10_dog/bare.txt")));
    }
}
