package org.danlu.app.tui.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.danlu.app.tui.screen.TestDataset;
import org.danlu.engine.dataset.DatasetScan;
import org.danlu.engine.dataset.DatasetScanner;
import org.danlu.engine.dataset.ScanProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The opening scan arriving in parts, as the studio shows it: lists from the first part, then the whole. */
class DatasetModelTest {

    @TempDir
    Path root;

    @Test
    void partialScansFillTheListsUntilTheCompleteScanAndNeverAfterIt() throws IOException {
        for (int i = 0; i < 600; i++) {
            TestDataset.png(root.resolve(String.format("10_dog/img%03d.png", i)), 8 + i % 3 * 8, 16, Color.GRAY);
        }
        List<ScanProgress> parts = new ArrayList<>();
        DatasetScan complete = new DatasetScanner().scan(root, parts::add);
        ScanProgress first = parts.get(0);

        DatasetModel model = new DatasetModel(root);
        Browse browse = new Browse(model);
        model.setPartialScan(first);
        assertTrue(model.reading().isPresent(), "still reading");
        assertEquals(first.imagesRead(), browse.visible().size(), "the list holds what is read so far");
        assertEquals(first.imagesRead(), model.plan().images().size(), "the bucket plan covers the same images");
        browse.selectImage(5);
        Path chosen = browse.selectedImage().path();

        model.setScan(complete);
        assertFalse(model.reading().isPresent());
        assertEquals(600, browse.visible().size());
        assertEquals(chosen, browse.selectedImage().path(), "the selection survives the rest arriving");

        model.setPartialScan(first); // a late part (a rescan finished first) must not shrink the dataset again
        assertFalse(model.reading().isPresent());
        assertEquals(600, browse.visible().size());
    }
}
