package org.danlu.engine.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TagEditorTest {

    @TempDir
    Path root;
    Path a;
    Path b;
    Path c;
    Path gbk;
    final byte[] aBytes = "\uFEFFshs dog, grass, sky\r\nsecond line\r\n".getBytes(StandardCharsets.UTF_8);

    @BeforeEach
    void dataset() throws IOException {
        Path f1 = root.resolve("10_shs dog");
        Path f2 = root.resolve("5_cat");
        TestImages.write(f1.resolve("a.png"), TestImages.png(64, 64));
        a = TestImages.write(f1.resolve("a.txt"), aBytes);
        TestImages.write(f1.resolve("b.png"), TestImages.png(64, 65));
        b = TestImages.write(f1.resolve("b.txt"), "shs dog, sky, sky");
        TestImages.write(f2.resolve("c.jpg"), TestImages.jpeg(64, 66));
        c = TestImages.write(f2.resolve("c.txt"), "cat, grass\n");
        TestImages.write(f2.resolve("g.png"), TestImages.png(64, 67));
        // 狗 in GBK is B9 B7, not UTF-8 (unlike 猫, C3 A8, which happens to decode as UTF-8)
        gbk = TestImages.write(f2.resolve("g.txt"), "狗, grass".getBytes(Charset.forName("GBK")));
        TestImages.write(f2.resolve("none.png"), TestImages.png(64, 68));
    }

    private DatasetScan scan() {
        return new DatasetScanner().scan(root);
    }

    private static String text(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    @Test
    void theLabelAnEditWasMadeWithIsWhatUndoAndHistorySayAfterARestart() throws IOException {
        new TagEditor(root).apply(scan(), Selection.all(), new TagEdit.Replace("grass", "lawn"), "把 grass 替换为 lawn");
        new TagEditor(root).apply(scan(), Selection.all(), new TagEdit.Remove("sky"));  // from the command line: no label
        List<JournalEntry> history = new TagEditor(root).history();
        assertEquals(List.of("把 grass 替换为 lawn", "remove sky"), history.stream().map(JournalEntry::shown).toList());
        assertEquals("replace grass with lawn", history.get(0).description(), "the description stays the engine's");
        TagEditor later = new TagEditor(root);
        assertEquals("remove sky", later.undo().shown());
        EditResult undone = later.undo();
        assertEquals("把 grass 替换为 lawn", undone.shown());
        assertEquals("undo replace grass with lawn", undone.description());
    }

    @Test
    void oneEditIsOneJournalEntryAndUndoRedoSurviveARestart() throws IOException {
        byte[] bBefore = Files.readAllBytes(b);
        byte[] cBefore = Files.readAllBytes(c);
        EditResult r = new TagEditor(root).apply(scan(), Selection.all(), new TagEdit.Replace("grass", "lawn"));
        assertEquals(1, r.journalId());
        assertEquals(2, r.changes().size(), "a and c have grass");
        assertEquals("\uFEFFshs dog, lawn, sky\r\nsecond line\r\n", text(a), "BOM, CRLF and line 2 kept");
        assertEquals("cat, lawn\n", text(c));
        assertArrayEquals(bBefore, Files.readAllBytes(b), "an untouched caption keeps its bytes");
        try (Stream<Path> s = Files.list(root.resolve(".danlu/journal"))) {
            assertEquals(List.of("000001.json", "head"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        // A new TagEditor reads the journal from disk, as after a restart.
        EditResult u = new TagEditor(root).undo();
        assertEquals(2, u.changes().size());
        assertArrayEquals(aBytes, Files.readAllBytes(a));
        assertArrayEquals(cBefore, Files.readAllBytes(c));
        new TagEditor(root).redo();
        assertEquals("cat, lawn\n", text(c));
        JournalEntry h = new TagEditor(root).history().get(0);
        assertEquals("replace grass with lawn", h.description());
        assertTrue(h.applied());
        assertEquals("nothing to redo", new TagEditor(root).redo().description());
    }

    @Test
    void aNewEditAfterUndoDropsTheRedo() throws IOException {
        TagEditor ed = new TagEditor(root);
        ed.apply(scan(), Selection.all(), new TagEdit.Remove("sky"));
        ed.undo();
        EditResult r = ed.apply(scan(), Selection.all(), new TagEdit.Dedupe());
        assertEquals(1, r.journalId());
        assertEquals(1, ed.history().size());
        assertEquals("shs dog, sky", text(b));
        assertEquals("nothing to redo", ed.redo().description());
    }

    @Test
    void aCaptionChangedOnDiskSinceTheScanIsAConflictAndLeftAlone() throws IOException {
        DatasetScan s = scan();
        Files.writeString(c, "cat, grass, edited elsewhere\n");
        EditResult r = new TagEditor(root).apply(s, Selection.all(), new TagEdit.Add("new", TagEdit.Position.BACK, 0));
        assertEquals(List.of(c), r.conflicts().stream().map(Finding::file).toList());
        assertEquals("cat, grass, edited elsewhere\n", text(c));
        assertTrue(text(a).startsWith("\uFEFFshs dog, grass, sky, new\r\n"));
    }

    @Test
    void undoLeavesACaptionEditedSinceAlone() throws IOException {
        TagEditor ed = new TagEditor(root);
        ed.apply(scan(), Selection.all(), new TagEdit.Add("new", TagEdit.Position.FRONT, 0));
        Files.writeString(b, "hand edited\n");
        EditResult u = ed.undo();
        assertEquals(List.of(b), u.conflicts().stream().map(Finding::file).toList());
        assertEquals("hand edited\n", text(b));
        assertArrayEquals(aBytes, Files.readAllBytes(a), "the others are undone");
    }

    @Test
    void selectionsByFolderTagAndImage() throws IOException {
        TagEditor ed = new TagEditor(root);
        assertEquals(1, ed.apply(scan(), Selection.folder("5_cat"), new TagEdit.Add("x", TagEdit.Position.BACK, 0))
                .changes().size(), "c only: g is not UTF-8, none has no caption");
        assertEquals(List.of(b), ed.apply(scan(), Selection.all().withTag("sky").inFolder("10_shs dog")
                .withTag("sky"), new TagEdit.Dedupe()).changes().stream().map(CaptionChange::caption).toList());
        Path img = root.resolve("10_shs dog/a.png");
        assertEquals(List.of(a), ed.apply(scan(), Selection.images(List.of(img)), new TagEdit.Remove("sky"))
                .changes().stream().map(CaptionChange::caption).toList());
    }

    @Test
    void nonUtf8CaptionsAreSkippedAndNeverRewritten() throws IOException {
        byte[] before = Files.readAllBytes(gbk);
        EditResult r = new TagEditor(root).apply(scan(), Selection.all(), new TagEdit.Normalize(true, true));
        assertTrue(r.skipped().stream().anyMatch(f -> f.file().equals(gbk) && f.kind().equals("caption-not-utf8")));
        assertArrayEquals(before, Files.readAllBytes(gbk));
    }

    @Test
    void writesLeaveNoTemporaryFilesAndKeepPermissions() throws IOException {
        Files.setPosixFilePermissions(c, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-r--"));
        new TagEditor(root).apply(scan(), Selection.all(), new TagEdit.Add("x", TagEdit.Position.BACK, 0));
        try (Stream<Path> s = Files.walk(root)) {
            assertEquals(List.of(), s.filter(p -> p.toString().endsWith(".danlu-tmp")).toList());
        }
        assertEquals("rw-rw-r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(c)));
    }

    @Test
    void anEditInterruptedAfterItsJournalEntryCanStillBeUndone() throws IOException {
        // Simulate a crash: the journal says both a and c changed, but only a reached the disk.
        TagEditor ed = new TagEditor(root);
        byte[] cBefore = Files.readAllBytes(c);
        ed.apply(scan(), Selection.all(), new TagEdit.Replace("grass", "lawn"));
        Files.write(c, cBefore);
        EditResult u = new TagEditor(root).undo();
        assertEquals(List.of(), u.conflicts());
        assertArrayEquals(aBytes, Files.readAllBytes(a));
        assertArrayEquals(cBefore, Files.readAllBytes(c));
    }
}
