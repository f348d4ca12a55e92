package org.danlu.app.tui.screen.params;

import org.danlu.engine.config.TrainConfig;

/**
 * An estimate of the LoRA file's size before training, from the rank, what is trained and the save
 * precision. kohya's networks.lora wraps every Linear (and 1x1 conv) of the UNet's transformer
 * blocks and of the text encoder's attention and MLP layers; a module with in/out features adds
 * rank x (in + out) weights. Worked out for SD 1.x (checked against the well-known ~38 MB of a
 * rank-32 fp16 LoRA):
 * <ul>
 * <li>UNet, per transformer block of C channels: proj_in 2C, proj_out 2C, self-attention q/k/v/out
 *     8C, cross-attention q 2C and out 2C, k and v (C + 768) each, GEGLU in C + 8C, out 4C + C:
 *     32C + 1536. SD 1.x has 16 blocks: 5 at 320, 5 at 640, 6 at 1280 channels (ΣC = 12,480), so
 *     32 x 12,480 + 16 x 1,536 = 423,936 weights per rank. SD 2.x: cross-attention k/v read 1024
 *     wide: 32 x 12,480 + 16 x 2,048 = 432,128.</li>
 * <li>Text encoder: CLIP ViT-L (SD 1.x), 12 layers: q/k/v/out 4 x 1,536 + fc1 and fc2 3,840 each =
 *     13,824 per layer, 165,888 per rank. OpenCLIP ViT-H (SD 2.x), 23 layers of 1024/4096:
 *     8,192 + 10,240 = 18,432 per layer, 423,936 per rank.</li>
 * </ul>
 * Conv layers trained through {@code conv_dim} (LoCon) are not counted; metadata adds a few KB.
 */
final class LoraSize {
    static final long UNET_SD1 = 423_936;
    static final long UNET_SD2 = 432_128;
    static final long TE_SD1 = 165_888;
    static final long TE_SD2 = 423_936;

    private LoraSize() {
    }

    /** Estimated bytes of the saved LoRA. */
    static long bytes(TrainConfig cfg) {
        boolean v2 = cfg.v2();
        long perRank = 0;
        if (!cfg.networkTrainTextEncoderOnly()) {
            perRank += v2 ? UNET_SD2 : UNET_SD1;
        }
        if (!cfg.networkTrainUnetOnly()) {
            perRank += v2 ? TE_SD2 : TE_SD1;
        }
        return perRank * cfg.networkDim() * bytesPerWeight(cfg.savePrecision());
    }

    /** fp16/bf16 store 2 bytes a weight; "float" or unset keeps the trained fp32 (4 bytes). */
    static int bytesPerWeight(String savePrecision) {
        return "fp16".equals(savePrecision) || "bf16".equals(savePrecision) ? 2 : 4;
    }
}
