package org.danlu.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetConfigTomlTest {

    @Test
    void folderDatasetCarriesRepeatsAndClassTokensAndReadsBack() {
        TrainConfig cfg = TrainConfig.defaults().with("resolution", "768,512").with("train_batch_size", 2L)
                .with("enable_bucket", true).with("shuffle_caption", true).with("keep_tokens", 1L);
        DatasetConfig dc = DatasetConfig.fromFolders(cfg, List.of(
                new FolderSubset(Path.of("/data/train/20_shs dog"), 20, "shs dog", false),
                new FolderSubset(Path.of("/data/reg/1_dog"), 1, "dog", true)));
        String toml = DatasetConfigToml.write(dc, List.of("written by Danlu"));
        assertEquals("""
                # written by Danlu
                [general]
                resolution = [768, 512]
                batch_size = 2
                enable_bucket = true
                min_bucket_reso = 256
                max_bucket_reso = 1024
                bucket_reso_steps = 64
                bucket_no_upscale = false
                caption_extension = ".caption"
                shuffle_caption = true
                keep_tokens = 1

                [[datasets]]

                  [[datasets.subsets]]
                  image_dir = "/data/train/20_shs dog"
                  num_repeats = 20
                  class_tokens = "shs dog"

                  [[datasets.subsets]]
                  image_dir = "/data/reg/1_dog"
                  num_repeats = 1
                  class_tokens = "dog"
                  is_reg = true
                """, toml);
        DatasetConfigToml.Read back = DatasetConfigToml.parse(toml, "ds.toml");
        assertEquals(List.of(), back.issues());
        assertEquals(dc, back.config());
        assertEquals(20L, back.config().lookup(0, 0, "num_repeats", 1L));
        assertEquals(2L, back.config().lookup(0, 1, "batch_size", 1L));
    }

    @Test
    void bucketSettingsFollowKohyasLookupOrder() {
        DatasetConfig dc = DatasetConfigToml.parse("""
                [general]
                enable_bucket = true
                batch_size = 4

                [[datasets]]
                resolution = [768, 512]
                max_bucket_reso = 1280

                  [[datasets.subsets]]
                  image_dir = "a"

                [[datasets]]
                batch_size = 1

                  [[datasets.subsets]]
                  image_dir = "b"
                """, "ds.toml").config();
        TrainConfig cfg = TrainConfig.defaults().with("resolution", "512").with("min_bucket_reso", 320L);
        assertEquals(new org.danlu.engine.bucket.BucketSettings(new org.danlu.engine.bucket.Resolution(768, 512),
                true, 320, 1280, 64, false), dc.bucketSettings(0, cfg));
        assertEquals(new org.danlu.engine.bucket.BucketSettings(org.danlu.engine.bucket.Resolution.square(512),
                true, 320, 1024, 64, false), dc.bucketSettings(1, cfg));
        assertEquals(4, dc.batchSize(0, cfg));
        assertEquals(1, dc.batchSize(1, cfg));
    }

    @Test
    void squareResolutionIsAnInteger() {
        DatasetConfig dc = DatasetConfig.fromFolders(TrainConfig.defaults().with("resolution", "512")
                .with("caption_extension", ".txt"), List.of());
        assertEquals(512L, dc.general().get("resolution"));
        assertEquals(".txt", dc.general().get("caption_extension"));
    }

    @Test
    void kohyaSchemaErrorsHavePositions() {
        DatasetConfigToml.Read r = DatasetConfigToml.parse("""
                [general]
                shuffle_caption = true
                learning_rate = 1e-4

                [[datasets]]
                resolution = 512

                  [[datasets.subsets]]
                  num_repeats = 10
                """, "ds.toml");
        assertEquals(List.of("ds.toml:3:1: error: general.learning_rate: extra keys not allowed here (kohya rejects the file)",
                "ds.toml: error: datasets[0].subsets[0].image_dir: required key not provided: every subset needs image_dir"),
                r.issues().stream().map(ConfigIssue::toString).toList());
        assertEquals(Map.of("num_repeats", 10L), r.config().datasets().get(0).subsets().get(0));
    }
}
