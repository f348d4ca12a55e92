package org.danlu.engine.model.unet;

import ai.djl.ndarray.NDArray;
import org.danlu.engine.model.nn.Module;

/** diffusers {@code UNetMidBlock2DCrossAttn}: resnets.0, attentions.0, resnets.1 at the lowest resolution. */
final class MidBlock2DCrossAttn extends Module {
    final ResnetBlock2D first;
    final Transformer2DModel attention;
    final ResnetBlock2D second;

    MidBlock2DCrossAttn(UNetConfig cfg) {
        int blocks = cfg.blockOutChannels().size();
        int c = cfg.blockOutChannels().get(blocks - 1);
        Indexed resnets = child("resnets", new Indexed());
        first = resnets.add(new ResnetBlock2D(c, c, cfg.timeEmbedDim(), cfg.normNumGroups(), cfg.normEps()));
        attention = child("attentions", new Indexed()).add(new Transformer2DModel(c, cfg.headsPerBlock().get(blocks - 1),
                cfg.transformerLayersPerBlock().get(blocks - 1), cfg.crossAttentionDim(), cfg.normNumGroups(),
                cfg.useLinearProjection(), cfg.upcastAttention()));
        second = resnets.add(new ResnetBlock2D(c, c, cfg.timeEmbedDim(), cfg.normNumGroups(), cfg.normEps()));
    }

    /** x [N, C, H, W] → [N, C, H, W]. */
    NDArray forward(NDArray x, NDArray siluTemb, NDArray context) {
        x = first.forward(x, siluTemb); // [N, C, H, W]
        x = attention.forward(x, context); // [N, C, H, W]
        return second.forward(x, siluTemb); // [N, C, H, W]
    }
}
