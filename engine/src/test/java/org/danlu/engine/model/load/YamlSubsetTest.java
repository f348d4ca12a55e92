package org.danlu.engine.model.load;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlSubsetTest {

    @Test
    void readsTheFixtureYaml() throws IOException {
        LdmYaml y = LdmYaml.read(TinySd.path("tiny-sd-ldm.yaml"));
        // values as written in fixtures/tiny-sd/tiny-sd-ldm.yaml
        assertEquals(0.18215, y.number("model.params.scale_factor").orElseThrow());
        assertEquals(4, y.integer("model.params.unet_config.params.num_heads").orElseThrow());
        assertEquals(List.of(4, 2, 1), y.integers("model.params.unet_config.params.attention_resolutions").orElseThrow());
        assertEquals(List.of(1, 1, 1, 2), y.integers("model.params.first_stage_config.params.ddconfig.ch_mult").orElseThrow());
        assertEquals(List.of(), y.integers("model.params.first_stage_config.params.ddconfig.attn_resolutions").orElseThrow());
        assertEquals("jpg", y.string("model.params.first_stage_key").orElseThrow());
        assertEquals(true, y.bool("model.params.unet_config.params.use_spatial_transformer").orElseThrow());
        assertEquals(false, y.bool("model.params.use_ema").orElseThrow());
        assertTrue(y.string("model.params.parameterization").isEmpty());
    }

    @Test
    void readsV2StyleConstructs(@TempDir Path dir) throws IOException {
        Path p = Files.writeString(dir.resolve("v2.yaml"), String.join("\n",
                "model:",
                "  params:",
                "    parameterization: \"v\"   # v-prediction",
                "    scheduler_config: # 10000 warmup steps",
                "      params:",
                "        f_start: [ 1.e-6 ]",
                "    unet_config:",
                "      params:",
                "        num_head_channels: 64 # need to fix for flash-attn",
                "        use_linear_in_transformer: True",
                "    first_stage_config:",
                "      params:",
                "        ddconfig:",
                "          #attn_type: \"vanilla-xformers\"",
                "          ch_mult:",
                "          - 1",
                "          - 2",
                "          num_res_blocks: 2",
                "    personalization_config:",
                "      params:",
                "        placeholder_strings: [\"*\"]",
                "    lossconfig:",
                "      - target: 'a#b'",
                "        weight: 2",
                "      - plain",
                ""));
        LdmYaml y = LdmYaml.read(p);
        assertEquals("v", y.string("model.params.parameterization").orElseThrow());
        assertEquals(64, y.integer("model.params.unet_config.params.num_head_channels").orElseThrow());
        assertEquals(true, y.bool("model.params.unet_config.params.use_linear_in_transformer").orElseThrow());
        assertTrue(y.has("model.params.lossconfig"));
        // a block list at its key's own indentation, as v2-inference-v.yaml writes ch_mult
        assertEquals(List.of(1, 2), y.integers("model.params.first_stage_config.params.ddconfig.ch_mult").orElseThrow());
        assertEquals(2, y.integer("model.params.first_stage_config.params.ddconfig.num_res_blocks").orElseThrow());
    }

    @Test
    void unsupportedConstructsNameFileAndLine(@TempDir Path dir) throws IOException {
        Path p = Files.writeString(dir.resolve("bad.yaml"), "model:\n  params: {a: 1}\n");
        IOException e = assertThrows(IOException.class, () -> LdmYaml.read(p));
        assertTrue(e.getMessage().startsWith(p + ":2:"), e.getMessage());
        Path q = Files.writeString(dir.resolve("bad2.yaml"), "model:\n  a: 1\n b: 2\n");
        IOException f = assertThrows(IOException.class, () -> LdmYaml.read(q));
        assertTrue(f.getMessage().startsWith(q + ":3:"), f.getMessage());
        Path r = Files.writeString(dir.resolve("bad3.yaml"), "model:\n  params:\n    scale_factor: big\n");
        IOException g = assertThrows(IOException.class, () -> LdmYaml.read(r).number("model.params.scale_factor"));
        assertTrue(g.getMessage().contains("scale_factor = 'big' is not a number"), g.getMessage());
    }
}
