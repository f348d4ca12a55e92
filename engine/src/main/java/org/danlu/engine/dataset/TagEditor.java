package org.danlu.engine.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies {@link TagEdit}s to a selection of a dataset's captions as one undoable journal entry,
 * and walks the journal back and forth (undo/redo survive a restart). Before any write, a caption
 * whose bytes on disk differ from what the scan read is reported as a conflict and left alone.
 * The journal entry is written before the captions, so an interrupted edit can still be undone.
 */
public final class TagEditor {

    private final Path root;
    private final EditJournal journal;

    public TagEditor(Path datasetRoot) {
        this.root = datasetRoot.toAbsolutePath().normalize();
        this.journal = new EditJournal(root);
    }

    public EditResult apply(DatasetScan scan, Selection selection, TagEdit edit) throws IOException {
        List<ImageEntry> selected = selection.of(scan);
        Map<String, Integer> frequency = TagStats.of(selected).imagesPerTag();
        List<Finding> skipped = new ArrayList<>();
        List<Finding> conflicts = new ArrayList<>();
        List<CaptionFile[]> plan = new ArrayList<>();
        Map<Path, CaptionFile> updated = new HashMap<>();
        java.util.Set<Path> seen = new java.util.HashSet<>();
        for (ImageEntry e : selected) {
            CaptionFile c = e.caption();
            if (c != null && !seen.add(c.path())) {
                continue; // a caption two images share (a.png and a.jpg) is edited once
            }
            if (c == null) {
                skipped.add(Finding.info("no-caption", e.path(), "no caption file to edit", "write one first"));
                continue;
            }
            if (!c.validUtf8()) {
                skipped.add(Finding.warning("caption-not-utf8", c.path(), "not UTF-8; not edited",
                        "re-save it as UTF-8"));
                continue;
            }
            CaptionFile next = c.withTagLine(edit.apply(c.tagLine(), frequency));
            if (next == c || next.sameBytes(c.bytes())) {
                continue;
            }
            if (!unchangedOnDisk(c)) {
                conflicts.add(EditResult.conflict(c.path()));
                continue;
            }
            plan.add(new CaptionFile[] {c, next});
            updated.put(c.path(), next);
        }
        if (plan.isEmpty()) {
            return new EditResult(edit.describe(), 0, List.of(), conflicts, skipped, scan);
        }
        List<EditJournal.FileEdit> files = new ArrayList<>();
        for (CaptionFile[] p : plan) {
            files.add(EditJournal.FileEdit.of(relative(p[0].path()), p[0].bytes(), p[1].bytes()));
        }
        int id = journal.append(edit.describe(), files);
        List<CaptionChange> changes = new ArrayList<>();
        for (CaptionFile[] p : plan) {
            AtomicFile.write(p[0].path(), p[1].bytes());
            changes.add(new CaptionChange(p[0].path(), p[0].tagLine().render(), p[1].tagLine().render()));
        }
        return new EditResult(edit.describe(), id, changes, conflicts, skipped, scan.withCaptions(updated));
    }

    /** Undoes the last applied edit; an empty result when there is nothing to undo. */
    public EditResult undo() throws IOException {
        int head = journal.head();
        Optional<EditJournal.Entry> e = journal.entry(head);
        if (e.isEmpty()) {
            return new EditResult("nothing to undo", 0, List.of(), List.of(), List.of(), null);
        }
        EditResult r = walk(e.get(), true);
        journal.setHead(head - 1);
        return r;
    }

    /** Redoes the edit after the last applied one; an empty result when there is nothing to redo. */
    public EditResult redo() throws IOException {
        int next = journal.head() + 1;
        Optional<EditJournal.Entry> e = journal.entry(next);
        if (e.isEmpty()) {
            return new EditResult("nothing to redo", 0, List.of(), List.of(), List.of(), null);
        }
        EditResult r = walk(e.get(), false);
        journal.setHead(next);
        return r;
    }

    public List<JournalEntry> history() throws IOException {
        int head = journal.head();
        return journal.entries().stream()
                .map(e -> new JournalEntry(e.id(), e.time(), e.description(), e.files().size(), e.id() <= head))
                .toList();
    }

    private EditResult walk(EditJournal.Entry entry, boolean undo) throws IOException {
        List<CaptionChange> changes = new ArrayList<>();
        List<Finding> conflicts = new ArrayList<>();
        for (EditJournal.FileEdit f : entry.files()) {
            Path p = root.resolve(f.path());
            byte[] from = undo ? f.afterBytes() : f.beforeBytes();
            byte[] to = undo ? f.beforeBytes() : f.afterBytes();
            byte[] now = readOrNull(p);
            if (Arrays.equals(now, to)) {
                continue; // already there (an interrupted edit never reached this file)
            }
            if (!Arrays.equals(now, from)) {
                conflicts.add(EditResult.conflict(p));
                continue;
            }
            AtomicFile.write(p, to);
            changes.add(new CaptionChange(p, firstLine(from), firstLine(to)));
        }
        return new EditResult((undo ? "undo " : "redo ") + entry.description(), entry.id(), changes, conflicts,
                List.of(), null);
    }

    private static boolean unchangedOnDisk(CaptionFile c) throws IOException {
        return c.sameBytes(readOrNull(c.path()));
    }

    private static byte[] readOrNull(Path p) throws IOException {
        try {
            return Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static String firstLine(byte[] b) {
        return CaptionFile.of(null, b).tagLine().render();
    }

    private String relative(Path p) {
        return root.relativize(p.toAbsolutePath().normalize()).toString();
    }

}
