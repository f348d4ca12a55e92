package org.danlu.engine.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Applies {@link TagEdit}s to a selection of a dataset's captions as one undoable journal entry,
 * and walks the journal back and forth (undo/redo survive a restart). Before any write, a caption
 * whose bytes on disk differ from what the scan read is reported as a conflict and left alone.
 * The journal entry (every caption's bytes before and after) is written and fsynced first and marked
 * pending; the captions are then written without a per-file fsync ({@link JournaledWrite}) and the
 * entry is marked complete. A walk found still pending (a crash, a power loss) is finished by
 * {@link JournalRecovery} before anything else this editor does; {@link #recover()} runs it explicitly.
 *
 * <p>{@link TagEdit.SetTags} on an image without a caption creates its caption file (in the journal
 * as a file with no before bytes, so undo deletes it again); every other edit skips such images.
 */
public final class TagEditor {

    /** What a caption created by {@link TagEdit.SetTags} starts from: one empty line. */
    private static final byte[] NEW_CAPTION = {'\n'};

    private final Path root;
    private final EditJournal journal;
    private List<Finding> recovered = List.of();
    private boolean recoveryDone;

    public TagEditor(Path datasetRoot) {
        this.root = datasetRoot.toAbsolutePath().normalize();
        this.journal = new EditJournal(root);
    }

    /**
     * Finishes an edit, undo or redo that was interrupted while writing its captions (see
     * {@link JournalRecovery} for which files it writes and which it leaves alone); empty when none
     * was. Every other method runs this first and adds its conflicts to its own result.
     */
    public Optional<EditResult> recover() throws IOException {
        Optional<EditResult> r = JournalRecovery.run(root, journal);
        recoveryDone = true;
        r.ifPresent(x -> recovered = x.conflicts());
        return r;
    }

    /** Runs recovery once per editor and hands over its conflicts once, for the next result to carry. */
    private List<Finding> recoverFirst() throws IOException {
        if (!recoveryDone) {
            recover();
        } else if (journal.pending().isPresent()) {
            recover(); // another editor on the same dataset was interrupted since
        }
        List<Finding> out = recovered;
        recovered = List.of();
        return out;
    }

    /**
     * One caption an edit would write.
     *
     * @param before the caption as the scan read it, or null when the edit creates it
     * @param after  what the edit leaves there
     */
    public record PlannedWrite(CaptionFile before, CaptionFile after) {
    }

    /**
     * What an edit would do to a selection, decided in memory from the scan alone (nothing is read
     * or written): the captions it would write, and the images it skips and why. {@link #apply} writes
     * exactly these (less conflicts found on disk); a dry run counts them to ask "37 files change?".
     */
    public record EditPlan(List<PlannedWrite> writes, List<Finding> skipped) {
    }

    public static EditPlan plan(DatasetScan scan, Selection selection, TagEdit edit) {
        List<ImageEntry> selected = selection.of(scan);
        Map<String, Integer> frequency = TagStats.of(selected).imagesPerTag();
        List<Finding> skipped = new ArrayList<>();
        List<PlannedWrite> writes = new ArrayList<>();
        java.util.Set<Path> seen = new java.util.HashSet<>();
        for (ImageEntry e : selected) {
            CaptionFile c = e.caption();
            if (c != null && !seen.add(c.path())) {
                continue; // a caption two images share (a.png and a.jpg) is edited once
            }
            if (c == null && edit instanceof TagEdit.SetTags && seen.add(e.captionPath())) {
                c = CaptionFile.of(e.captionPath(), NEW_CAPTION); // created unless the tags are empty
            } else if (c == null) {
                skipped.add(Finding.info("no-caption", e.path(), "no caption file to edit", "write one first"));
                continue;
            }
            if (!c.validUtf8()) {
                skipped.add(Finding.warning("caption-not-utf8", c.path(), "not UTF-8; not edited",
                        "re-save it as UTF-8"));
                continue;
            }
            CaptionFile next = c.withTagLine(edit.apply(c.tagLine(), frequency));
            if (next != c && !next.sameBytes(c.bytes())) {
                writes.add(new PlannedWrite(e.caption() == null ? null : c, next));
            }
        }
        return new EditPlan(writes, skipped);
    }

    public EditResult apply(DatasetScan scan, Selection selection, TagEdit edit) throws IOException {
        return apply(scan, selection, edit, null);
    }

    /**
     * As {@link #apply(DatasetScan, Selection, TagEdit)}, with {@code label}, the words the user was shown for the
     * edit (e.g. in their language, or the gesture: "move grass up"), kept in the journal for undo, redo and history.
     */
    public EditResult apply(DatasetScan scan, Selection selection, TagEdit edit, String label) throws IOException {
        List<Finding> conflicts = new ArrayList<>(recoverFirst());
        EditPlan planned = plan(scan, selection, edit);
        List<PlannedWrite> ws = planned.writes();
        boolean[] asRead = new boolean[ws.size()];
        try {
            // Reading 10,000 captions back waits on the file system, not the CPU: a few threads help.
            IntStream.range(0, ws.size()).parallel().forEach(i -> asRead[i] = onDiskAsRead(ws.get(i)));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        List<PlannedWrite> accepted = new ArrayList<>();
        Map<Path, CaptionFile> updated = new HashMap<>();
        for (int i = 0; i < ws.size(); i++) {
            if (asRead[i]) {
                accepted.add(ws.get(i));
                updated.put(ws.get(i).after().path(), ws.get(i).after());
            } else {
                conflicts.add(EditResult.conflict(ws.get(i).after().path()));
            }
        }
        if (accepted.isEmpty()) {
            return new EditResult(edit.describe(), 0, List.of(), conflicts, planned.skipped(), scan, label);
        }
        List<EditJournal.FileEdit> files = new ArrayList<>();
        for (PlannedWrite w : accepted) {
            files.add(EditJournal.FileEdit.of(relative(w.after().path()), bytes(w.before()), w.after().bytes()));
        }
        int id = journal.append(edit.describe(), label, files); // marks the walk pending
        List<JournaledWrite.FileWrite> writes = new ArrayList<>();
        List<CaptionChange> changes = new ArrayList<>();
        for (PlannedWrite w : accepted) {
            writes.add(new JournaledWrite.FileWrite(w.after().path(), bytes(w.before()), w.after().bytes()));
            changes.add(new CaptionChange(w.after().path(), w.before() == null ? "" : w.before().tagLine().render(),
                    w.after().tagLine().render()));
        }
        walkDurably(id, true, writes);
        return new EditResult(edit.describe(), id, changes, conflicts, planned.skipped(), scan.withCaptions(updated), label);
    }

    /** Undoes the last applied edit; an empty result when there is nothing to undo. */
    public EditResult undo() throws IOException {
        List<Finding> recoveryConflicts = recoverFirst();
        int head = journal.head();
        Optional<EditJournal.Entry> e = journal.entry(head);
        if (e.isEmpty()) {
            return new EditResult("nothing to undo", 0, List.of(), recoveryConflicts, List.of(), null, null);
        }
        return walk(e.get(), false, recoveryConflicts);
    }

    /** Redoes the edit after the last applied one; an empty result when there is nothing to redo. */
    public EditResult redo() throws IOException {
        List<Finding> recoveryConflicts = recoverFirst();
        int next = journal.head() + 1;
        Optional<EditJournal.Entry> e = journal.entry(next);
        if (e.isEmpty()) {
            return new EditResult("nothing to redo", 0, List.of(), recoveryConflicts, List.of(), null, null);
        }
        return walk(e.get(), true, recoveryConflicts);
    }

    public List<JournalEntry> history() throws IOException {
        recovered = new ArrayList<>(recoverFirst()); // history carries no findings: keep them for the next walk
        int head = journal.head();
        return journal.entries().stream()
                .map(e -> new JournalEntry(e.id(), e.time(), e.description(), e.label(), e.files().size(), e.id() <= head))
                .toList();
    }

    /** Walks an entry forward (redo) or back (undo), leaving captions edited since alone. */
    private EditResult walk(EditJournal.Entry entry, boolean forward, List<Finding> earlier) throws IOException {
        List<CaptionChange> changes = new ArrayList<>();
        List<Finding> conflicts = new ArrayList<>(earlier);
        List<JournaledWrite.FileWrite> writes = new ArrayList<>();
        for (EditJournal.FileEdit f : entry.files()) {
            Path p = root.resolve(f.path());
            byte[] from = f.source(forward);
            byte[] to = f.target(forward);
            byte[] now = readOrNull(p);
            if (Arrays.equals(now, to)) {
                continue; // already there (an interrupted edit never reached this file)
            }
            if (!Arrays.equals(now, from)) {
                conflicts.add(EditResult.conflict(p));
                continue;
            }
            writes.add(new JournaledWrite.FileWrite(p, from, to));
            changes.add(new CaptionChange(p, firstLine(from), firstLine(to)));
        }
        journal.begin(new EditJournal.Pending(entry.id(), forward, System.currentTimeMillis()));
        walkDurably(entry.id(), forward, writes);
        return new EditResult((forward ? "redo " : "undo ") + entry.description(), entry.id(), changes, conflicts,
                List.of(), null, entry.label() != null ? entry.label() : entry.description());
    }

    /** With the walk marked pending: head moved, captions written, then durable and marked complete. */
    private void walkDurably(int id, boolean forward, List<JournaledWrite.FileWrite> writes) throws IOException {
        journal.setHead(forward ? id : id - 1);
        JournaledWrite.write(writes);
        journal.finish();
    }

    /** Whether the caption on disk is still as the scan read it (absent, for one the edit creates). */
    private static boolean onDiskAsRead(PlannedWrite w) {
        try {
            return w.before() == null ? !Files.exists(w.after().path()) : w.before().sameBytes(readOrNull(w.before().path()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(CaptionFile c) {
        return c == null ? null : c.bytes();
    }

    private static byte[] readOrNull(Path p) throws IOException {
        return JournalRecovery.readOrNull(p);
    }

    /** The caption's tag line for display; empty for a caption that does not exist. */
    static String firstLine(byte[] b) {
        return b == null ? "" : CaptionFile.of(null, b).tagLine().render();
    }

    private String relative(Path p) {
        return root.relativize(p.toAbsolutePath().normalize()).toString();
    }

}
