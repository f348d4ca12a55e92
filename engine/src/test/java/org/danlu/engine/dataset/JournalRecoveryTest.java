package org.danlu.engine.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crashes simulated with the real journal: the entry is written and marked pending exactly as
 * {@link TagEditor} does, then only some captions are written and the entry is never marked
 * complete. Opening the dataset again must finish the walk and leave others' edits alone.
 */
class JournalRecoveryTest {

    @TempDir
    Path root;
    final List<Path> files = new ArrayList<>();
    final List<byte[]> before = new ArrayList<>();
    final List<byte[]> after = new ArrayList<>();
    EditJournal journal;

    @BeforeEach
    void tenCaptions() throws IOException {
        Path dir = Files.createDirectories(root.resolve("10_dog"));
        byte[] png = TestImages.png(32, 32);
        for (int i = 0; i < 10; i++) {
            Files.write(dir.resolve("c" + i + ".png"), png);
            files.add(Files.writeString(dir.resolve("c" + i + ".txt"), "dog, grass, n" + i + "\n"));
            before.add(("dog, grass, n" + i + "\n").getBytes(StandardCharsets.UTF_8));
            after.add(("dog, lawn, n" + i + "\n").getBytes(StandardCharsets.UTF_8));
        }
        journal = new EditJournal(root);
    }

    /** What TagEditor does before its writes: entry fsynced, pending mark, head moved. */
    private int crashAfterWriting(int howMany) throws IOException {
        List<EditJournal.FileEdit> edits = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            edits.add(EditJournal.FileEdit.of("10_dog/c" + i + ".txt", before.get(i), after.get(i)));
        }
        int id = journal.append("replace grass with lawn", edits); // marks the walk pending, as for TagEditor
        journal.setHead(id);
        for (int i = 0; i < howMany; i++) {
            Files.write(files.get(i), after.get(i));
        }
        return id; // "crash": journal.finish() is never called
    }

    @Test
    void anInterruptedEditIsFinishedOnTheNextOpen() throws IOException {
        crashAfterWriting(5);
        assertTrue(journal.pending().isPresent());
        EditResult r = new TagEditor(root).recover().orElseThrow();
        assertEquals(5, r.changes().size(), "the five captions the crash did not reach");
        assertEquals(List.of(), r.conflicts());
        for (int i = 0; i < files.size(); i++) {
            assertArrayEquals(after.get(i), Files.readAllBytes(files.get(i)), files.get(i).toString());
        }
        assertFalse(journal.pending().isPresent(), "marked complete");
        assertEquals(1, journal.head());
        // and it is an ordinary undoable edit afterwards
        EditResult u = new TagEditor(root).undo();
        assertEquals(10, u.changes().size());
        for (int i = 0; i < files.size(); i++) {
            assertArrayEquals(before.get(i), Files.readAllBytes(files.get(i)));
        }
    }

    @Test
    void aCaptionAnotherProgramChangedIsLeftAloneAndReported() throws IOException {
        crashAfterWriting(5);
        Files.writeString(files.get(2), "edited by hand after the crash\n"); // was written by the edit
        Files.writeString(files.get(7), "edited by hand too\n");              // was not reached
        // An edit made with a scan taken before recovery (the app should call recover() before it
        // scans): recovery runs first and its conflicts come with the edit's result; the captions
        // recovery rewrote no longer match that scan, so the edit leaves them alone as well.
        TagEditor ed = new TagEditor(root);
        DatasetScan stale = new DatasetScanner().scan(root);
        EditResult r = ed.apply(stale, Selection.all(), new TagEdit.Add("new", TagEdit.Position.BACK, 0));
        List<Finding> fromRecovery = r.conflicts().stream().filter(f -> f.message().contains("interrupted")).toList();
        assertEquals(List.of(files.get(2), files.get(7)), fromRecovery.stream().map(Finding::file).toList());
        assertEquals(List.of(files.get(5), files.get(6), files.get(8), files.get(9)), r.conflicts().stream()
                .filter(f -> !fromRecovery.contains(f)).map(Finding::file).toList(), "recovered since the scan");
        assertEquals("edited by hand after the crash, new\n", Files.readString(files.get(2)),
                "recovery left it alone; the edit, whose scan saw the hand edit, may edit it");
        for (int i : new int[] {5, 6, 8, 9}) {
            assertArrayEquals(after.get(i), Files.readAllBytes(files.get(i)), "recovered, not edited again");
        }
        assertFalse(journal.pending().isPresent());
    }

    @Test
    void recoveryAloneNeverWritesAChangedCaption() throws IOException {
        crashAfterWriting(3);
        byte[] mine = "mine\n".getBytes(StandardCharsets.UTF_8);
        Files.write(files.get(6), mine);
        EditResult r = new TagEditor(root).recover().orElseThrow();
        assertEquals(List.of(files.get(6)), r.conflicts().stream().map(Finding::file).toList());
        assertArrayEquals(mine, Files.readAllBytes(files.get(6)));
        assertEquals(6, r.changes().size(), "3..9 except 6");
    }

    @Test
    void aShortFileLeftByAPowerLossIsCompleted() throws IOException {
        crashAfterWriting(4);
        Files.write(files.get(1), new byte[0]);                              // zero-length after the rename
        Files.write(files.get(2), Arrays.copyOf(after.get(2), 6));          // "dog, l": a torn write
        Files.write(files.get(3), Arrays.copyOf(before.get(3), 6));          // "dog, g": not ours
        EditResult r = new TagEditor(root).recover().orElseThrow();
        assertArrayEquals(after.get(1), Files.readAllBytes(files.get(1)));
        assertArrayEquals(after.get(2), Files.readAllBytes(files.get(2)));
        assertEquals(List.of(files.get(3)), r.conflicts().stream().map(Finding::file).toList(),
                "a prefix of the old bytes is not a prefix of what we wrote");
    }

    @Test
    void anInPlaceOverwriteCutShortIsCompleted() throws IOException {
        crashAfterWriting(4);
        // "dog, lawn, n5\n" written over "dog, grass, n5\n" but the length never cut: one byte of the old tail stays.
        byte[] notCut = concat(after.get(5), Arrays.copyOfRange(before.get(5), after.get(5).length, before.get(5).length));
        Files.write(files.get(5), notCut);
        // The write stopped after 7 bytes: "dog, la" then the old "ss, n6\n".
        Files.write(files.get(6), concat(Arrays.copyOf(after.get(6), 7), Arrays.copyOfRange(before.get(6), 7, before.get(6).length)));
        // Old bytes first, new tail: no write of ours leaves that.
        Files.write(files.get(7), concat(Arrays.copyOf(before.get(7), 7), Arrays.copyOfRange(after.get(7), 7, after.get(7).length)));
        EditResult r = new TagEditor(root).recover().orElseThrow();
        assertArrayEquals(after.get(5), Files.readAllBytes(files.get(5)));
        assertArrayEquals(after.get(6), Files.readAllBytes(files.get(6)));
        assertEquals(List.of(files.get(7)), r.conflicts().stream().map(Finding::file).toList());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void anInterruptedUndoIsFinishedToo() throws IOException {
        crashAfterWriting(10);
        journal.finish(); // the edit completed
        journal.begin(new EditJournal.Pending(1, false, System.currentTimeMillis()));
        journal.setHead(0);
        Files.write(files.get(0), before.get(0)); // the undo reached one caption, then crashed
        EditResult r = new TagEditor(root).recover().orElseThrow();
        assertEquals(9, r.changes().size());
        for (int i = 0; i < files.size(); i++) {
            assertArrayEquals(before.get(i), Files.readAllBytes(files.get(i)));
        }
        assertEquals(0, journal.head());
        assertEquals("nothing to undo", new TagEditor(root).undo().description());
    }

    @Test
    void anEntryWhoseWalkNeverStartedIsFinishedNotLeftLookingRedoable() throws IOException {
        // the crash came right after the entry was written: no caption written, head not moved yet
        journal.append("replace grass with lawn", List.of(EditJournal.FileEdit.of("10_dog/c0.txt", before.get(0),
                after.get(0))));
        assertEquals(0, journal.head());
        new TagEditor(root).recover().orElseThrow();
        assertArrayEquals(after.get(0), Files.readAllBytes(files.get(0)), "the journaled edit is completed");
        assertEquals(1, journal.head());
        assertEquals("nothing to redo", new TagEditor(root).redo().description());
    }

    @Test
    void aDamagedJournalCopyIsRefusedNotWritten() throws IOException {
        EditJournal.FileEdit f = EditJournal.FileEdit.of("x.txt", before.get(0), after.get(0));
        EditJournal.FileEdit bad = new EditJournal.FileEdit(f.path(), f.before(),
                java.util.Base64.getEncoder().encodeToString("tampered".getBytes(StandardCharsets.UTF_8)),
                f.beforeSha256(), f.afterSha256());
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                bad::afterBytes);
        assertTrue(e.getMessage().contains("x.txt"));
    }
}
