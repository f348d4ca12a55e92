package org.danlu.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigFileReaderTest {

    @Test
    void flatFileKeepsOrderTypesAndUnknownKeys() {
        ConfigFile f = ConfigFileReader.parse("""
                # my run
                pretrained_model_name_or_path = "/m/sd15.safetensors"
                resolution = "768,512"
                network_alpha = 8
                learning_rate = 1e-4
                my_custom_flag = true
                network_args = ["conv_dim=8", "conv_alpha=4"]
                """, "run.toml");
        assertTrue(f.syntaxErrors().isEmpty());
        assertFalse(f.sectioned());
        TrainConfig c = f.config();
        assertEquals(List.of("pretrained_model_name_or_path", "resolution", "network_alpha", "learning_rate",
                "my_custom_flag", "network_args"), List.copyOf(c.entries().keySet()));
        assertEquals(8L, c.get("network_alpha")); // stays an int, as in kohya
        assertEquals(8.0, c.networkAlpha());
        assertEquals(1e-4, c.learningRate());
        assertEquals(768, c.resolution().width());
        assertEquals(8, c.convDim());
        assertEquals(4.0, c.convAlpha());
        assertEquals(List.of("my_custom_flag"), c.unknownKeys());
        assertEquals(new KeyLocation(null, 4, 1), f.locationOf("network_alpha"));
    }

    @Test
    void sectionsAreFlattenedLaterDuplicateWins() {
        // kohya: every top-level table's keys join one set; a later duplicate wins, the first keeps its place.
        ConfigFile f = ConfigFileReader.parse("""
                [model_arguments]
                v2 = false
                learning_rate = 1e-3

                [optimizer_arguments]
                learning_rate = 2e-4
                """, "s.toml");
        assertTrue(f.sectioned());
        assertEquals(List.of("v2", "learning_rate"), List.copyOf(f.config().entries().keySet()));
        assertEquals(2e-4, f.config().learningRate());
        assertEquals(new KeyLocation("optimizer_arguments", 6, 1), f.locationOf("learning_rate"));
    }

    @Test
    void defaultsAreKohyas() {
        TrainConfig d = TrainConfig.defaults();
        assertEquals(2e-6, d.learningRate());
        assertEquals(1600, d.maxTrainSteps());
        assertEquals(".caption", d.captionExtension());
        assertEquals("constant", d.lrScheduler());
        assertEquals("AdamW", d.optimizerType());
        assertEquals(4, d.networkDim());
        assertEquals(1.0, d.networkAlpha());
        assertEquals(1, d.trainBatchSize());
        assertEquals(256, d.minBucketReso());
        assertEquals(0.3, d.multiresNoiseDiscount());
        assertEquals("no", d.mixedPrecision());
        assertEquals(0L, d.lrWarmupSteps());
        assertEquals(null, d.resolution());
        assertEquals(".txt", d.with("caption_extension", "txt").captionExtension()); // kohya adds the dot
    }

    @Test
    void syntaxErrorsCarryLineAndColumn() {
        ConfigFile f = ConfigFileReader.parse("a = 1\nlearning_rate = = 2\n", "bad.toml");
        assertEquals(1, f.syntaxErrors().size());
        ConfigIssue e = f.syntaxErrors().get(0);
        assertEquals("bad.toml", e.file());
        assertEquals(2, e.line());
        assertEquals(17, e.column());
        assertTrue(e.toString().startsWith("bad.toml:2:17: error: TOML syntax: "), e.toString());
    }
}
