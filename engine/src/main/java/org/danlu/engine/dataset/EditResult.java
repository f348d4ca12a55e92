package org.danlu.engine.dataset;

import java.nio.file.Path;
import java.util.List;

/**
 * What a bulk edit, undo or redo did.
 *
 * @param journalId the journal entry written or walked (0 when nothing changed)
 * @param changes   captions written
 * @param conflicts captions left alone because they changed on disk since they were read
 * @param skipped   selected images whose caption could not be edited (none, or not UTF-8), with why
 * @param scan      the scan with the new captions (edits only; null after undo/redo: scan again)
 * @param label     the words the user was shown for the edit (kept in the journal, so undo and redo say
 *                  them again, in the user's language), or null
 */
public record EditResult(String description, int journalId, List<CaptionChange> changes, List<Finding> conflicts,
                         List<Finding> skipped, DatasetScan scan, String label) {

    public EditResult {
        changes = List.copyOf(changes);
        conflicts = List.copyOf(conflicts);
        skipped = List.copyOf(skipped);
    }

    /** What to show the user: the label the edit was made with, else the description. */
    public String shown() {
        return label != null ? label : description;
    }

    public static Finding conflict(Path file) {
        return Finding.error("conflict", file, "changed on disk since it was read; left alone",
                "scan again and repeat the edit");
    }
}
