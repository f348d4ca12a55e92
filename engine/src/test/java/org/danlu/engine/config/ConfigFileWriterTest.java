package org.danlu.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigFileWriterTest {

    private static final String SECTIONED = """
            # Alice's LoRA run
            [model_arguments]
            pretrained_model_name_or_path = "/models/sd15.safetensors"   # the base

            [optimizer_arguments]
            learning_rate = 1e-4      # tuned by hand
            network_args = [
              "conv_dim=8",   # conv layers too
              "conv_alpha=1",
            ]
            lr_scheduler = "cosine"

            [training_arguments]
            max_train_epochs = 10
            my_flag = "kept"
            """;

    @Test
    void unchangedConfigWritesTheSameBytes() {
        ConfigFile f = ConfigFileReader.parse(SECTIONED, "a.toml");
        assertEquals(SECTIONED, ConfigFileWriter.patch(f, f.config()));
    }

    @Test
    void changedValuesAreReplacedInPlaceKeepingComments() {
        ConfigFile f = ConfigFileReader.parse(SECTIONED, "a.toml");
        TrainConfig c = f.config().with("learning_rate", 2e-4).with("network_args", List.of("conv_dim=16"))
                .without("lr_scheduler").with("train_batch_size", 4L).with("network_dim", 32L).with("brand_new", 1L);
        String out = ConfigFileWriter.patch(f, c);
        assertEquals("""
                # Alice's LoRA run
                [model_arguments]
                pretrained_model_name_or_path = "/models/sd15.safetensors"   # the base

                [optimizer_arguments]
                learning_rate = 0.0002      # tuned by hand
                network_args = ["conv_dim=16"]

                [training_arguments]
                max_train_epochs = 10
                my_flag = "kept"
                train_batch_size = 4

                [additional_network_arguments]
                network_dim = 32

                [other_arguments]
                brand_new = 1
                """, out);
        // Fed back through the reader: the same values.
        ConfigFile back = ConfigFileReader.parse(out, "a.toml");
        assertEquals(c.entries(), back.config().entries());
    }

    @Test
    void flatFilesGetNewKeysAtTheEndAndKeepCrlf() {
        String text = "learning_rate = 1e-4\r\n# note\r\nseed = 1";
        ConfigFile f = ConfigFileReader.parse(text, "f.toml");
        String out = ConfigFileWriter.patch(f, f.config().with("seed", 42L).with("resolution", "512"));
        assertEquals("learning_rate = 1e-4\r\n# note\r\nseed = 42\r\nresolution = \"512\"\r\n", out);
    }

    @Test
    void freshFileIsSectionedAndReadsBack() {
        TrainConfig c = TrainConfig.of(java.util.Map.of("learning_rate", 1e-4)).with("resolution", "768,512")
                .with("network_args", List.of("conv_dim=4")).with("text_encoder_lr", List.of(5e-5))
                .with("caption_extension", ".txt").with("zzz_unknown", "x \"quoted\"").with("network_alpha", 8L);
        String out = ConfigFileWriter.write(c, List.of("header"));
        assertEquals("""
                # header

                [dataset_arguments]
                resolution = "768,512"
                caption_extension = ".txt"

                [additional_network_arguments]
                network_alpha = 8
                network_args = ["conv_dim=4"]

                [optimizer_arguments]
                learning_rate = 0.0001
                text_encoder_lr = [5.0e-5]

                [other_arguments]
                zzz_unknown = "x \\"quoted\\""
                """, out);
        ConfigFile back = ConfigFileReader.parse(out, "fresh.toml");
        assertEquals(List.of(), back.syntaxErrors());
        assertEquals(c.entries(), back.config().entries());
    }

    @Test
    void refusesToPatchAFileWithSyntaxErrors() {
        ConfigFile f = ConfigFileReader.parse("seed = = 1\n", "broken.toml");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ConfigFileWriter.patch(f, f.config().with("seed", 2L)));
        assertEquals("cannot update broken.toml: fix its TOML syntax first (broken.toml:1:8: error: TOML syntax: ",
                e.getMessage().substring(0, "cannot update broken.toml: fix its TOML syntax first (broken.toml:1:8: error: TOML syntax: ".length()));
    }

    @Test
    void saveIsAtomicAndNeverOverwritesBlindly(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path p = dir.resolve("run.toml");
        java.nio.file.Files.writeString(p, SECTIONED);
        ConfigFile f = ConfigFileReader.read(p);
        ConfigFileWriter.save(p, f, f.config().with("max_train_epochs", 20L), List.of());
        String saved = java.nio.file.Files.readString(p);
        assertEquals(SECTIONED.replace("max_train_epochs = 10", "max_train_epochs = 20"), saved);
        // f is stale now: the file on disk is not what it was read as.
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> ConfigFileWriter.save(p, f, f.config().with("seed", 1L), List.of()));
        assertEquals(p + " changed on disk since it was read: reload it before saving", e.getMessage());
        assertEquals(saved, java.nio.file.Files.readString(p));
        org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> ConfigFileWriter.save(p, null, TrainConfig.defaults(), List.of()));
        try (var files = java.nio.file.Files.list(dir)) {
            assertEquals(1, files.count()); // no temp files left behind
        }
    }

    @Test
    void captionExtensionIsAlwaysExplicit() {
        String out = ConfigFileWriter.write(TrainConfig.defaults().with("seed", 1L), List.of());
        assertEquals("[dataset_arguments]\ncaption_extension = \".caption\"\n\n[training_arguments]\nseed = 1\n", out);
    }

    @Test
    void floatsStayFloats() {
        assertEquals("1.0", TomlValues.format(1.0));
        assertEquals("0.0001", TomlValues.format(1e-4));
        assertEquals("5.0e-5", TomlValues.format(5e-5));
        assertEquals("0.05", TomlValues.format(0.05));
        assertEquals("12345.5", TomlValues.format(12345.5));
    }
}
