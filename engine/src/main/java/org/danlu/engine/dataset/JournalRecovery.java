package org.danlu.engine.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Finishes a journal walk (edit, undo or redo) that was interrupted while its captions were being
 * written: the journal's {@code pending} file names the entry and the direction. Each caption of the
 * entry is judged by its bytes now against the entry's source bytes (what the walk started from) and
 * target bytes (what it was writing):
 * <ol>
 *   <li>equal to the target: the walk reached it; nothing to do;</li>
 *   <li>equal to the source (or absent where the source was absent): the walk never reached it;
 *       it is written to the target;</li>
 *   <li>empty, a strict prefix of the target, or the target's first bytes over the source's: the
 *       walk's own write cut short (a kill, a power loss, a full disk: {@link JournaledWrite}
 *       overwrites in place); written to the target. Nothing is lost: every byte the file holds is
 *       the target's or the source's, and the journal has both;</li>
 *   <li>anything else: someone else wrote the file after the walk began. It is reported as a conflict
 *       and never overwritten; the journal entry still holds both versions.</li>
 * </ol>
 * The rule looks at bytes only, not modification times: a clock step or a copy that keeps mtimes
 * cannot make it overwrite a user's text, and rule 3 can only ever add bytes the journal had.
 */
final class JournalRecovery {

    private JournalRecovery() {
    }

    /** Finishes the pending walk, if any; an empty result when nothing was pending. */
    static Optional<EditResult> run(Path root, EditJournal journal) throws IOException {
        Optional<EditJournal.Pending> pending = journal.pending();
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        EditJournal.Pending p = pending.get();
        Optional<EditJournal.Entry> entry = journal.entry(p.id());
        if (entry.isEmpty()) {
            journal.finish(); // the entry itself never reached the disk, so no caption was written
            return Optional.empty();
        }
        List<JournaledWrite.FileWrite> writes = new ArrayList<>();
        List<CaptionChange> changes = new ArrayList<>();
        List<Finding> conflicts = new ArrayList<>();
        for (EditJournal.FileEdit f : entry.get().files()) {
            Path file = root.resolve(f.path());
            byte[] now = readOrNull(file);
            byte[] target = f.target(p.forward());
            byte[] source = f.source(p.forward());
            if (Arrays.equals(now, target)) {
                continue;
            }
            if (Arrays.equals(now, source) || cutShort(now, source, target)) {
                writes.add(new JournaledWrite.FileWrite(file, now, target));
                changes.add(new CaptionChange(file, TagEditor.firstLine(now), TagEditor.firstLine(target)));
            } else {
                conflicts.add(Finding.error("conflict", file, "changed by another program while edit #" + p.id()
                        + " (" + entry.get().description() + ") was interrupted; left alone",
                        "check it by hand; the journal entry " + journal.dir().resolve(String.format("%06d.json", p.id()))
                                + " holds the caption before and after that edit"));
            }
        }
        journal.setHead(p.forward() ? p.id() : p.id() - 1);
        JournaledWrite.write(writes);
        journal.finish();
        return Optional.of(new EditResult("finish interrupted " + (p.forward() ? "" : "undo of ")
                + entry.get().description(), p.id(), changes, conflicts, List.of(), null, null));
    }

    /**
     * Whether {@code now} is what the walk's own write leaves when cut short: the target's first k
     * bytes alone (a new or emptied file, or a power loss before the tail reached the disk), or the
     * target's first k bytes over the source's (an in-place overwrite stopped before its end or
     * before its length was cut).
     */
    static boolean cutShort(byte[] now, byte[] source, byte[] target) {
        if (now == null || target == null) {
            return false;
        }
        int k = Arrays.mismatch(now, target);
        if (k < 0) {
            return false; // equal to the target: nothing cut
        }
        if (k == now.length) {
            return now.length < target.length;
        }
        return source != null && now.length == source.length && Arrays.equals(now, k, now.length, source, k, source.length);
    }

    static byte[] readOrNull(Path p) throws IOException {
        try {
            return Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
