package org.danlu.engine.model.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipTextConfigTest {
    @TempDir
    Path dir;

    @Test
    void sd1DefaultsBuildOpenAiClipLsTextTowerOf123MillionWeights() {
        // Per layer (D 768, I 3072): q/k/v/out 4·(768·768+768) = 2,362,368; two norms 4·768 = 3,072;
        // fc1 768·3072+3072 = 2,362,368; fc2 3072·768+768 = 2,360,064 → 7,087,872; × 12 = 85,054,464.
        // Embeddings 49408·768 + 77·768 = 38,004,480; final norm 1,536. Total 123,060,480 (CLIP ViT-L/14 text).
        ClipTextModel m = new ClipTextModel(ClipTextConfig.sd1());
        assertEquals(123_060_480L, m.parameterCount());
        assertEquals(12 * 16 + 4, m.namedParameters().size());
    }

    @Test
    void sd2DefaultsBuildTheTwentyThreeLayerOpenClipTower() {
        // Per layer (D 1024, I 4096): 4·(1024²+1024) + 4·1024 + (1024·4096+4096) + (4096·1024+1024) = 12,596,224;
        // × 23 = 289,713,152; embeddings (49408+77)·1024 = 50,672,640; final norm 2,048 → 340,387,840.
        ClipTextModel m = new ClipTextModel(ClipTextConfig.sd2());
        assertEquals(340_387_840L, m.parameterCount());
        assertTrue(m.namedParameters().containsKey("text_model.encoder.layers.22.mlp.fc2.bias"));
        assertEquals("gelu", m.config().hiddenAct());
    }

    @Test
    void aFullClipConfigIsReadThroughItsTextConfig() throws IOException {
        Path f = Files.writeString(dir.resolve("config.json"), """
                {"model_type": "clip", "text_config": {"hidden_size": 64, "num_attention_heads": 2,
                 "num_hidden_layers": 3, "intermediate_size": 128, "hidden_act": "gelu"},
                 "vision_config": {"hidden_size": 1024}}""");
        ClipTextConfig c = ClipTextConfig.read(f);
        assertEquals(new ClipTextConfig(49408, 64, 128, 3, 2, 77, "gelu", 1e-5f, 49406, 49407, 1), c);
    }

    @Test
    void badConfigsNameTheFileAndTheKey() throws IOException {
        Path f = Files.writeString(dir.resolve("config.json"), "{\"hidden_size\": \"big\"}");
        IOException e = assertThrows(IOException.class, () -> ClipTextConfig.read(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("hidden_size"), e.getMessage());
        Path act = Files.writeString(dir.resolve("act.json"), "{\"hidden_act\": \"relu\"}");
        e = assertThrows(IOException.class, () -> ClipTextConfig.read(act));
        assertTrue(e.getMessage().contains("relu"), e.getMessage());
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"hidden_size\": ");
        e = assertThrows(IOException.class, () -> ClipTextConfig.read(broken));
        assertTrue(e.getMessage().contains(broken.toString()), e.getMessage());
    }
}
