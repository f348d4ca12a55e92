package org.danlu.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.danlu.engine.bucket.StepPlan;
import org.danlu.engine.config.ConfigFileReader;
import org.danlu.engine.config.TrainConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ss_* metadata of a known folder-method config. Expected values are worked by hand from the dataset below
 * (one folder 3_cat with two 64×64 images) and kohya's rules (kohya-compat.md §3.5, §4.7): 2 images × 3 repeats =
 * 6 samples; batch 2 → 3 batches per epoch; 10 steps → ceil(10 / 3) = 4 epochs.
 */
class KohyaMetadataTest {

    @TempDir
    Path dir;

    @Test
    void folderMethodMetadata() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("train/3_cat"));
        for (String name : List.of("a", "b")) {
            ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB), "png", folder.resolve(name + ".png").toFile());
        }
        Files.writeString(folder.resolve("a.txt"), "cat, Black");
        Files.writeString(folder.resolve("b.txt"), "cat, white, ");
        TrainConfig cfg = ConfigFileReader.parse("""
                train_data_dir = "%s"
                caption_extension = ".txt"
                resolution = "64,64"
                output_name = "kitty"
                network_dim = 4
                network_alpha = 4
                learning_rate = 0.0001
                unet_lr = 5e-05
                train_batch_size = 2
                max_train_steps = 10
                seed = 7
                optimizer_args = ["weight_decay=0.1"]
                """.formatted(dir.resolve("train")), "t.toml").config();
        TrainingData data = TrainingData.build(cfg, null, w -> { });
        StepPlan steps = StepPlan.compute(data.datasets().get(0).plan().batchesPerEpoch(), 1, null, 10);
        Map<String, String> m = KohyaMetadata.of(cfg, data, steps, "AdamW", 123, 1.5e9).at(10, 4, 1.6e9);
        assertEquals("123", m.get("ss_session_id"));
        assertEquals("1500000000.0", m.get("ss_training_started_at"));
        assertEquals("1600000000.0", m.get("ss_training_finished_at"));
        assertEquals("kitty", m.get("ss_output_name"));
        assertEquals("0.0001", m.get("ss_learning_rate"));
        assertEquals("5e-05", m.get("ss_unet_lr"));
        assertEquals("None", m.get("ss_text_encoder_lr"));
        assertEquals("6", m.get("ss_num_train_images"));
        assertEquals("0", m.get("ss_num_reg_images"));
        assertEquals("3", m.get("ss_num_batches_per_epoch"));
        assertEquals("4", m.get("ss_num_epochs"));
        assertEquals("10", m.get("ss_max_train_steps"));
        assertEquals("10", m.get("ss_steps"));
        assertEquals("4", m.get("ss_epoch"));
        assertEquals("networks.lora", m.get("ss_network_module"));
        assertEquals("4", m.get("ss_network_dim"));
        assertEquals("4", m.get("ss_network_alpha"));
        assertEquals("False", m.get("ss_v2"));
        assertEquals("sd_v1", m.get("ss_base_model_version"));
        assertEquals("7", m.get("ss_seed"));
        assertEquals("None", m.get("ss_clip_skip"));
        assertEquals("torch.optim.adamw.AdamW(weight_decay=0.1)", m.get("ss_optimizer"));
        assertEquals("(64, 64)", m.get("ss_resolution"));
        assertEquals("2", m.get("ss_batch_size_per_device"));
        assertEquals("2", m.get("ss_total_batch_size"));
        assertEquals("{\"3_cat\": {\"n_repeats\": 3, \"img_count\": 2}}", m.get("ss_dataset_dirs"));
        assertEquals("{}", m.get("ss_reg_dataset_dirs"));
        // tags lower-cased, stripped, empties skipped, counted once per image (repeats ignored)
        assertEquals("{\"3_cat\": {\"cat\": 2, \"black\": 1, \"white\": 1}}", m.get("ss_tag_frequency"));
        assertEquals("{\"buckets\": {\"0\": {\"resolution\": [64, 64], \"count\": 6}}, \"mean_img_ar_error\": 0.0}",
                m.get("ss_bucket_info"));
        assertEquals("stable-diffusion-v1/lora", m.get("modelspec.architecture"));
        assertEquals("kitty", m.get("modelspec.title"));
        assertEquals("64x64", m.get("modelspec.resolution"));
        assertEquals("epsilon", m.get("modelspec.prediction_type"));
        assertTrue(m.get("modelspec.date").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d"), m.get("modelspec.date"));
    }
}
