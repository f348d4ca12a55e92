package org.danlu.app.tui.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import java.nio.file.Path;
import org.danlu.app.tui.DatasetStudio;
import org.danlu.app.tui.VirtualStudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BucketsScreenTest {
    @TempDir
    Path dir;

    @Test
    void stepArithmeticRecomputesWhenTheBatchSizeChanges() throws Exception {
        TestDataset.basic(dir);
        try (VirtualStudio ui = new VirtualStudio(100, 30, "en", DatasetStudio.screens(dir))) {
            ui.type("3");
            // 3 images x 10 repeats = 30 samples; batch 1 -> 30 batches; 10 epochs -> 300 steps.
            assertTrue(ui.text().contains("30 batches/epoch, accumulation 1"), ui.text());
            assertTrue(ui.text().contains("= 30 steps/epoch x 10 epochs"), ui.text());
            assertTrue(ui.text().contains("= 300 steps in total"), ui.text());
            for (int i = 0; i < 6; i++) {
                ui.key(KeyType.ArrowDown);
            }
            ui.type("+");
            // Batch 2: each image contributes 10 samples to its bucket, so whichever way the three
            // images share buckets (10+10+10 or 20+10), every bucket holds an even count: 15 batches.
            assertTrue(ui.text().contains("15 batches/epoch"), ui.text());
            assertTrue(ui.text().matches("(?s).*train_batch_size +2\n.*"), ui.text());
        }
    }

    @Test
    void listsUpscaledImagesAndJumpsToThem() throws Exception {
        TestDataset.basic(dir);
        try (VirtualStudio ui = new VirtualStudio(100, 30, "en", DatasetStudio.screens(dir))) {
            ui.type("3");
            // 64x48 images trained at 512 must be enlarged to reach any bucket of at least 256 px.
            assertTrue(ui.text().contains("red.png  upscaled"), ui.text());
            ui.key(KeyType.ArrowRight).key(KeyType.Enter);
            assertTrue(ui.rows().get(0).contains("1 Dataset"), ui.text());
        }
    }

    @Test
    void mMarksEveryImageWithTheSelectedProblemForTheDatasetScreen() throws Exception {
        TestDataset.basic(dir);
        try (VirtualStudio ui = new VirtualStudio(100, 30, "en", DatasetStudio.screens(dir))) {
            ui.type("3").key(KeyType.ArrowRight).type("m");      // the problems pane: all three are upscaled
            assertTrue(ui.rows().get(29).startsWith("Marked 3 images (3 marked in all)"), ui.rows().get(29));
            ui.type("1");
            assertEquals(3, ui.rows().stream().filter(r -> r.contains("● ")).count(), ui.text());
        }
    }

    @Test
    void badSettingValueIsReportedNotThrown() throws Exception {
        TestDataset.basic(dir);
        try (VirtualStudio ui = new VirtualStudio(100, 30, "en", DatasetStudio.screens(dir))) {
            ui.type("3").key(KeyType.Enter);
            for (int i = 0; i < 3; i++) {
                ui.key(KeyType.Backspace);
            }
            ui.type("abc").key(KeyType.Enter);
            assertTrue(ui.rows().get(29).startsWith("resolution:"), ui.rows().get(29));
        }
    }

    @Test
    void quittingAfterChangingSettingsAsksFirst() throws Exception {
        TestDataset.basic(dir);
        try (VirtualStudio ui = new VirtualStudio(100, 30, "en", DatasetStudio.screens(dir))) {
            ui.type("3").type("+").type("q");
            assertTrue(ui.text().contains("Quit Danlu?"), ui.text());
            ui.type("n");
            assertTrue(ui.studio().running(), "any key but y keeps the studio open");
            ui.type("q").type("y");
            org.junit.jupiter.api.Assertions.assertFalse(ui.studio().running());
        }
    }
}
