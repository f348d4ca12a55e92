package org.danlu.app.console;

import java.util.List;
import java.util.Map;
import org.danlu.engine.dataset.CaptionFile;
import org.danlu.engine.dataset.DatasetScan;
import org.danlu.engine.dataset.ImageEntry;
import org.danlu.engine.dataset.Selection;
import org.danlu.engine.dataset.TagEdit;
import org.danlu.engine.dataset.TagStats;

/**
 * A dry run of a bulk edit: how many caption files it would change, computed in memory the way
 * {@code TagEditor.apply} decides, so a confirmation can say "37 files change" before anything is
 * written.
 */
public final class EditPreview {
    private EditPreview() {
    }

    /** Files the edit would rewrite among the selected images. */
    public static int filesChanged(DatasetScan scan, Selection selection, TagEdit edit) {
        List<ImageEntry> selected = selection.of(scan);
        Map<String, Integer> frequency = TagStats.of(selected).imagesPerTag();
        int n = 0;
        for (ImageEntry e : selected) {
            CaptionFile c = e.caption();
            if (c == null || !c.validUtf8()) {
                continue;
            }
            CaptionFile next = c.withTagLine(edit.apply(c.tagLine(), frequency));
            if (next != c && !next.sameBytes(c.bytes())) {
                n++;
            }
        }
        return n;
    }
}
