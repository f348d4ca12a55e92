package org.danlu.app.console;

import org.danlu.engine.dataset.DatasetScan;
import org.danlu.engine.dataset.Selection;
import org.danlu.engine.dataset.TagEdit;
import org.danlu.engine.dataset.TagEditor;

/**
 * A dry run of a bulk edit: how many caption files it would write (change or create), decided in
 * memory by the dataset layer's own plan ({@link TagEditor#plan}), so a confirmation can say "37
 * files change" before anything is written.
 */
public final class EditPreview {
    private EditPreview() {
    }

    /** Files the edit would write among the selected images. */
    public static int filesChanged(DatasetScan scan, Selection selection, TagEdit edit) {
        return TagEditor.plan(scan, selection, edit).writes().size();
    }
}
