package org.danlu.engine.model.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaeConfigTest {
    @TempDir
    Path dir;

    @Test
    void sdDefaultsBuildTheSdVaeWithItsPublishedParameterCount() {
        // The SD 1.x/2.x AutoencoderKL (e.g. stabilityai/sd-vae-ft-mse) has 83,653,863 weights.
        AutoencoderKL vae = new AutoencoderKL(VaeConfig.sd());
        assertEquals(83_653_863L, vae.parameterCount());
        assertEquals(8, vae.config().downscale());
        assertTrue(vae.namedParameters().containsKey("encoder.down_blocks.1.resnets.0.conv_shortcut.weight"));
        assertTrue(vae.namedParameters().containsKey("decoder.up_blocks.3.resnets.0.conv_shortcut.weight")); // 256 → 128
        assertTrue(vae.namedParameters().containsKey("decoder.up_blocks.3.resnets.2.conv2.weight")); // 3 resnets per up block
        assertTrue(vae.namedParameters().containsKey("encoder.mid_block.attentions.0.to_out.0.bias"));
    }

    @Test
    void unsupportedBlocksAndActivationsAreRefusedByName() throws IOException {
        Path f = Files.writeString(dir.resolve("config.json"), """
                {"block_out_channels": [32, 64], "down_block_types": ["DownEncoderBlock2D", "AttnDownEncoderBlock2D"]}""");
        IOException e = assertThrows(IOException.class, () -> VaeConfig.read(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("AttnDownEncoderBlock2D"),
                e.getMessage());
        Path act = Files.writeString(dir.resolve("act.json"), "{\"act_fn\": \"gelu\"}");
        e = assertThrows(IOException.class, () -> VaeConfig.read(act));
        assertTrue(e.getMessage().contains("gelu"), e.getMessage());
        Path groups = Files.writeString(dir.resolve("groups.json"), "{\"block_out_channels\": [48], \"norm_num_groups\": 32}");
        e = assertThrows(IOException.class, () -> VaeConfig.read(groups));
        assertTrue(e.getMessage().contains("norm_num_groups"), e.getMessage());
    }
}
