package org.danlu.engine.model.unet;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import org.danlu.engine.model.nn.Conv2d;
import org.danlu.engine.model.nn.Module;

/**
 * diffusers {@code CrossAttnDownBlock2D} (with attentions) or {@code DownBlock2D} (without): resnets.j, each
 * followed by attentions.j, then downsamplers.0.conv (3×3, stride 2) unless it is the last block. Every
 * intermediate state is pushed onto the skip list the up path consumes. N batch, C channels.
 */
final class DownBlock2D extends Module {
    final List<ResnetBlock2D> resnets = new ArrayList<>();
    final List<Transformer2DModel> attentions = new ArrayList<>();
    final Conv2d downsampler;

    DownBlock2D(UNetConfig cfg, int index, int in, int out, boolean crossAttention, boolean downsample) {
        Indexed resnetList = child("resnets", new Indexed());
        Indexed attentionList = crossAttention ? child("attentions", new Indexed()) : null;
        for (int j = 0; j < cfg.layersPerBlock(); j++) {
            resnets.add(resnetList.add(new ResnetBlock2D(j == 0 ? in : out, out, cfg.timeEmbedDim(),
                    cfg.normNumGroups(), cfg.normEps())));
            if (crossAttention) {
                attentions.add(attentionList.add(new Transformer2DModel(out, cfg.headsPerBlock().get(index),
                        cfg.transformerLayersPerBlock().get(index), cfg.crossAttentionDim(), cfg.normNumGroups(),
                        cfg.useLinearProjection(), cfg.upcastAttention())));
            }
        }
        downsampler = downsample ? child("downsamplers", new Indexed())
                .add(new SamplerConv(out, 2, cfg.downsamplePadding())).conv : null;
    }

    /** x [N, Cin, H, W] → [N, C, H', W'], pushing each resnet/attention output and the downsampled state. */
    NDArray forward(NDArray x, NDArray siluTemb, NDArray context, List<NDArray> skips) {
        for (int j = 0; j < resnets.size(); j++) {
            x = resnets.get(j).forward(x, siluTemb); // [N, C, H, W]
            if (!attentions.isEmpty()) {
                x = attentions.get(j).forward(x, context); // [N, C, H, W]
            }
            skips.add(x);
        }
        if (downsampler != null) {
            x = downsampler.forward(x); // [N, C, ceil(H/2), ceil(W/2)]
            skips.add(x);
        }
        return x;
    }

    int resnetCount() {
        return resnets.size();
    }
}
