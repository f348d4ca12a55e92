package org.danlu.engine.model.unet;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UNetConfigTest {
    @Test
    void readsTheFixtureConfigAsItsReadmeDescribesIt() throws IOException {
        UNetConfig c = UNetConfig.read(TinySd.file("unet/config.json"));
        assertEquals(List.of(32, 32, 32, 64), c.blockOutChannels());
        assertEquals(List.of(4, 4, 4, 4), c.headsPerBlock()); // attention_head_dim 4 = four heads everywhere
        assertEquals(List.of(1, 1, 1, 1), c.transformerLayersPerBlock());
        assertEquals(32, c.crossAttentionDim());
        assertEquals(128, c.timeEmbedDim());
        assertFalse(c.useLinearProjection());
        assertTrue(c.flipSinToCos());
        assertEquals(1e-5f, c.normEps());
    }

    @Test
    void sd2StyleListOfHeadsAndNumAttentionHeadsTakingPrecedence() {
        JsonObject o = base();
        o.add("block_out_channels", JsonParser.parseString("[320, 640, 1280, 1280]")); // SD2: head size 64
        o.add("attention_head_dim", JsonParser.parseString("[5, 10, 20, 20]"));
        assertEquals(List.of(5, 10, 20, 20), UNetConfig.fromJson(o).headsPerBlock());
        o.add("num_attention_heads", JsonParser.parseString("[8, 8, 8, 8]"));
        assertEquals(List.of(8, 8, 8, 8), UNetConfig.fromJson(o).headsPerBlock());
        o.add("transformer_layers_per_block", JsonParser.parseString("[1, 2, 3, 4]"));
        assertEquals(List.of(1, 2, 3, 4), UNetConfig.fromJson(o).transformerLayersPerBlock());
    }

    @Test
    void refusesWhatSd1And2NeverUseNamingTheKeyAndFile(@TempDir Path dir) throws IOException {
        JsonObject o = base();
        o.addProperty("addition_embed_type", "text_time"); // SDXL
        Path f = dir.resolve("config.json");
        Files.writeString(f, o.toString());
        IOException e = assertThrows(IOException.class, () -> UNetConfig.read(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("addition_embed_type"), e.getMessage());
        JsonObject wrongHeads = base();
        wrongHeads.add("attention_head_dim", JsonParser.parseString("[5, 10]"));
        assertThrows(IllegalArgumentException.class, () -> UNetConfig.fromJson(wrongHeads));
    }

    @Test
    void publishedModelsHaveTheirPublishedParameterCounts() {
        // Parameter counts of the released checkpoints' UNets (diffusers num_parameters(), widely quoted):
        // SD1.5 859,520,964; SD2.1 865,910,724. Building the tree allocates no tensors.
        assertEquals(859_520_964L, new UNet2DConditionModel(UNetConfig.sd15()).parameterCount());
        assertEquals(865_910_724L, new UNet2DConditionModel(UNetConfig.sd21()).parameterCount());
    }

    private static JsonObject base() {
        return JsonParser.parseString("""
                {"block_out_channels": [32, 32, 32, 64], "attention_head_dim": 4, "cross_attention_dim": 32,
                 "down_block_types": ["CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "DownBlock2D"],
                 "up_block_types": ["UpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D"]}
                """).getAsJsonObject();
    }
}
