package org.danlu.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** danlu buckets over real image files (sizes from their headers, as the dataset scanner reads them). */
class BucketsCommandTest {

    @TempDir
    Path dir;

    private void png(Path p, int w, int h) throws Exception {
        Files.createDirectories(p.getParent());
        ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), "png", p.toFile());
    }

    private Path dataset() throws Exception {
        // train/10_dog: three 640x480 and one 1920x1080; reg/1_dog: two 512x512.
        for (int i = 0; i < 3; i++) {
            png(dir.resolve("train/10_dog/a" + i + ".png"), 640, 480);
        }
        png(dir.resolve("train/10_dog/wide.png"), 1920, 1080);
        png(dir.resolve("reg/1_dog/r0.png"), 512, 512);
        png(dir.resolve("reg/1_dog/r1.png"), 512, 512);
        return dir;
    }

    @Test
    void tableOfADatasetWithRegImages() throws Exception {
        ConfigCommandTest.Run r = ConfigCommandTest.run("buckets", dataset().toString(), "--batch", "4", "--epochs", "10");
        assertEquals(0, r.code(), r.err());
        // 40 train samples; 2 reg images balanced to 40 samples (20 each) in 512x512 (index 8):
        // 40 / 4 = 10 batches; 576x448: 30 -> 8 batches; 640x384: 10 -> 3 batches; 21 batches, 210 steps.
        assertTrue(r.out().contains("     8  512x512       1.00        2         40       10     4\n"), r.out());
        assertTrue(r.out().contains("     9  576x448       1.29        3         30        8    2*\n"), r.out());
        assertTrue(r.out().contains("train images x repeats 40; reg images x repeats 2 (balanced to 40 reg samples)"), r.out());
        assertTrue(r.out().contains("= 210 optimizer steps (from max_train_epochs)"), r.out());
        // names in warnings read relative to the dataset
        assertTrue(r.out().contains("  bucket 640x384 holds a single image: train/10_dog/wide.png\n"), r.out());
    }

    @Test
    void jsonAndConfigOptions() throws Exception {
        Path cfg = dir.resolve("run.toml");
        dataset();
        Files.writeString(cfg, "resolution = \"512\"\nenable_bucket = true\nbucket_no_upscale = true\ntrain_batch_size = 2\n");
        ConfigCommandTest.Run r = ConfigCommandTest.run("buckets", dir.resolve("train").toString(), "--config", cfg.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals(true, o.getAsJsonObject("settings").get("bucket_no_upscale").getAsBoolean());
        assertEquals(2, o.getAsJsonObject("settings").get("train_batch_size").getAsInt());
        // no-upscale: 640x480 -> 512x384 (see BucketAssignerTest), 1920x1080 -> 640x384
        JsonObject first = o.getAsJsonArray("images").get(0).getAsJsonObject();
        assertEquals("[512,384]", first.get("bucket").toString());
        assertEquals(2, o.getAsJsonArray("buckets").size());
    }

    @Test
    void datasetConfigPlansEachDatasetWithItsOwnSettings() throws Exception {
        dataset();
        Path ds = dir.resolve("ds.toml");
        // Dataset 1 at 512, batch 4: the four train images with num_repeats 10 (the folder name says 10 too,
        // but kohya reads num_repeats here) -> 30 + 10 samples -> 8 + 3 = 11 batches.
        // Dataset 2 at 256, bucketing off, batch 1: the two 512x512 images of reg/1_dog as plain train
        // images x 3 -> one 256x256 bucket, 6 batches. One epoch = 17 batches; 2 epochs -> 34 steps.
        Files.writeString(ds, "[general]\nenable_bucket = true\n\n[[datasets]]\nresolution = 512\nbatch_size = 4\n"
                + "  [[datasets.subsets]]\n  image_dir = \"" + dir.resolve("train/10_dog") + "\"\n  num_repeats = 10\n\n"
                + "[[datasets]]\nresolution = 256\nenable_bucket = false\nbatch_size = 1\n"
                + "  [[datasets.subsets]]\n  image_dir = \"" + dir.resolve("reg/1_dog") + "\"\n  num_repeats = 3\n");
        Path cfg = dir.resolve("run.toml");
        Files.writeString(cfg, "dataset_config = \"" + ds + "\"\nmax_train_epochs = 2\n");
        ConfigCommandTest.Run r = ConfigCommandTest.run("buckets", "--config", cfg.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("(dataset 1 of 2)"), r.out());
        assertTrue(r.out().contains("     0  256x256       1.00        2          6        6     1\n"), r.out());
        assertTrue(r.out().contains("all datasets:\n  steps: 17 per epoch (17 batches / gradient accumulation 1) x 2 epoch(s)"
                + " = 34 optimizer steps (from max_train_epochs)"), r.out());
        JsonObject o = JsonParser.parseString(ConfigCommandTest.run("buckets", "--config", cfg.toString(), "--json").out())
                .getAsJsonObject();
        assertEquals(2, o.getAsJsonArray("datasets").size());
        assertEquals(34, o.getAsJsonObject("steps").get("max_train_steps").getAsInt());
    }

    @Test
    void missingFolderIsOneLine() {
        ConfigCommandTest.Run r = ConfigCommandTest.run("buckets", dir.resolve("nope").toString());
        assertEquals(2, r.code());
        assertEquals("danlu buckets: " + dir.resolve("nope") + ": no such folder: check the path", r.err().trim());
    }

    @Test
    void emptyFolderIsAClearError() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        ConfigCommandTest.Run r = ConfigCommandTest.run("buckets", dir.resolve("empty").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("danlu buckets: "), r.err());
    }
}
