package org.danlu.engine.model.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;
import org.danlu.engine.model.nn.Conv2d;
import org.danlu.engine.model.nn.Module;

/**
 * diffusers {@code CrossAttnUpBlock2D} / {@code UpBlock2D}: layers_per_block + 1 resnets, each taking the state
 * concatenated with the latest skip (channels: prev + skip), optionally followed by a transformer, then
 * upsamplers.0: nearest ×2 (or to the skip's size when the latent is not a multiple of 8) and a 3×3 conv.
 * N batch, C channels.
 */
final class UpBlock2D extends Module {
    final List<ResnetBlock2D> resnets = new ArrayList<>();
    final List<Transformer2DModel> attentions = new ArrayList<>();
    final Conv2d upsampler;

    /**
     * @param prevOut channels coming from the block below
     * @param out this block's channels
     * @param skipIn channels of the last skip it consumes (the matching down block's input channels)
     */
    UpBlock2D(UNetConfig cfg, int reversedIndex, int prevOut, int out, int skipIn, boolean crossAttention,
            boolean upsample) {
        int blocks = cfg.blockOutChannels().size();
        int heads = cfg.headsPerBlock().get(blocks - 1 - reversedIndex);
        int depth = cfg.transformerLayersPerBlock().get(blocks - 1 - reversedIndex);
        Indexed resnetList = child("resnets", new Indexed());
        Indexed attentionList = crossAttention ? child("attentions", new Indexed()) : null;
        int layers = cfg.layersPerBlock() + 1;
        for (int j = 0; j < layers; j++) {
            int skip = j == layers - 1 ? skipIn : out;
            int resIn = j == 0 ? prevOut : out;
            resnets.add(resnetList.add(new ResnetBlock2D(resIn + skip, out, cfg.timeEmbedDim(), cfg.normNumGroups(),
                    cfg.normEps())));
            if (crossAttention) {
                attentions.add(attentionList.add(new Transformer2DModel(out, heads, depth, cfg.crossAttentionDim(),
                        cfg.normNumGroups(), cfg.useLinearProjection(), cfg.upcastAttention())));
            }
        }
        upsampler = upsample ? child("upsamplers", new Indexed()).add(new SamplerConv(out, 1, 1)).conv : null;
    }

    /**
     * x [N, Cprev, H, W]; pops its skips from the end of {@code skips}; {@code upsampleSize} [H2, W2] or null
     * for ×2 → [N, C, H2, W2] (or [N, C, H, W] for the last block).
     */
    NDArray forward(NDArray x, List<NDArray> skips, NDArray siluTemb, NDArray context, long[] upsampleSize) {
        for (int j = 0; j < resnets.size(); j++) {
            NDArray skip = skips.remove(skips.size() - 1); // [N, Cskip, H, W]
            x = NDArrays.concat(new NDList(x, skip), 1); // [N, Cprev + Cskip, H, W]
            x = resnets.get(j).forward(x, siluTemb); // [N, C, H, W]
            if (!attentions.isEmpty()) {
                x = attentions.get(j).forward(x, context); // [N, C, H, W]
            }
        }
        if (upsampler != null) {
            long[] size = upsampleSize != null ? upsampleSize
                    : new long[] {x.getShape().get(2) * 2, x.getShape().get(3) * 2};
            // torch nearest: source index floor(dst · in/out); mode 0 is nearest in DJL's interpolate
            x = upsampler.forward(x.getNDArrayInternal().interpolation(size, 0, false)); // [N, C, H2, W2]
        }
        return x;
    }

    int resnetCount() {
        return resnets.size();
    }
}
