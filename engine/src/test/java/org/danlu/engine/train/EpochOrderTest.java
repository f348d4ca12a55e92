package org.danlu.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.danlu.engine.config.ConfigFileReader;
import org.danlu.engine.config.TrainConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An epoch's batches: repeats honoured, buckets never mixed, the order fixed by seed and epoch. */
class EpochOrderTest {

    @TempDir
    Path dir;

    @Test
    void batchesFollowKohyasRules() throws Exception {
        Path f = Files.createDirectories(dir.resolve("train/3_x"));
        // 3 landscape + 2 portrait images at 96×64 / 64×96 with bucketing at 64 px steps: two buckets
        for (int i = 0; i < 5; i++) {
            BufferedImage img = i < 3 ? new BufferedImage(96, 64, BufferedImage.TYPE_INT_RGB)
                    : new BufferedImage(64, 96, BufferedImage.TYPE_INT_RGB);
            ImageIO.write(img, "png", f.resolve("i" + i + ".png").toFile());
        }
        TrainConfig cfg = ConfigFileReader.parse("""
                train_data_dir = "%s"
                resolution = "64,64"
                enable_bucket = true
                min_bucket_reso = 64
                max_bucket_reso = 128
                train_batch_size = 2
                """.formatted(dir.resolve("train")), "t.toml").config();
        TrainingData data = TrainingData.build(cfg, null, w -> { });
        List<EpochOrder.Batch> e1 = EpochOrder.batches(data, 7, 1);
        // 9 landscape samples → 5 batches, 6 portrait samples → 3 batches
        assertEquals(8, e1.size());
        Map<Integer, Integer> seen = new HashMap<>();
        for (EpochOrder.Batch b : e1) {
            long buckets = b.itemIds().stream().map(id -> data.items().get(id).placement().bucket()).distinct().count();
            assertEquals(1, buckets, "a batch never mixes buckets");
            b.itemIds().forEach(id -> seen.merge(id, 1, Integer::sum));
        }
        assertEquals(5, seen.size());
        assertTrue(seen.values().stream().allMatch(n -> n == 3), "each image 3 times (its repeats): " + seen);
        assertEquals(e1, EpochOrder.batches(data, 7, 1), "same seed and epoch, same order");
        assertNotEquals(ids(e1), ids(EpochOrder.batches(data, 7, 2)), "a new epoch reshuffles");
    }

    private static List<List<Integer>> ids(List<EpochOrder.Batch> batches) {
        return batches.stream().map(EpochOrder.Batch::itemIds).toList();
    }
}
