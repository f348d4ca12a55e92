package org.danlu.engine.model.unet;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import org.danlu.engine.model.nn.Conv2d;
import org.danlu.engine.model.nn.GroupNorm;
import org.danlu.engine.model.nn.Linear;
import org.danlu.engine.model.nn.Module;

/**
 * diffusers {@code Transformer2DModel} for continuous inputs: GroupNorm (eps 1e-6, as diffusers hard-codes it),
 * proj_in (1×1 conv for SD1, Linear for SD2's use_linear_projection), the transformer blocks over the H·W
 * tokens, proj_out, plus the input as residual. N batch, C channels (= inner width), T = H·W tokens.
 */
final class Transformer2DModel extends Module {
    final GroupNorm norm;
    final Conv2d projInConv;
    final Linear projInLinear;
    final List<BasicTransformerBlock> blocks = new ArrayList<>();
    final Conv2d projOutConv;
    final Linear projOutLinear;

    Transformer2DModel(int channels, int heads, int layers, int contextDim, int groups, boolean linearProjection,
            boolean upcast) {
        norm = child("norm", new GroupNorm(groups, channels, 1e-6f));
        projInConv = linearProjection ? null : child("proj_in", new Conv2d(channels, channels, 1, 1, 0, true));
        projInLinear = linearProjection ? child("proj_in", new Linear(channels, channels, true)) : null;
        Indexed list = child("transformer_blocks", new Indexed());
        for (int i = 0; i < layers; i++) {
            blocks.add(list.add(new BasicTransformerBlock(channels, heads, contextDim, upcast)));
        }
        projOutConv = linearProjection ? null : child("proj_out", new Conv2d(channels, channels, 1, 1, 0, true));
        projOutLinear = linearProjection ? child("proj_out", new Linear(channels, channels, true)) : null;
    }

    /** x [N, C, H, W], context [N, S, Cctx] → [N, C, H, W]. */
    NDArray forward(NDArray x, NDArray context) {
        long n = x.getShape().get(0), c = x.getShape().get(1), h = x.getShape().get(2), w = x.getShape().get(3);
        NDArray t = norm.forward(x); // [N, C, H, W]
        if (projInConv != null) {
            t = projInConv.forward(t).transpose(0, 2, 3, 1).reshape(n, h * w, c); // [N, T, C]
        } else {
            t = projInLinear.forward(t.transpose(0, 2, 3, 1).reshape(n, h * w, c)); // [N, T, C]
        }
        for (BasicTransformerBlock block : blocks) {
            t = block.forward(t, context); // [N, T, C]
        }
        if (projOutConv != null) {
            t = projOutConv.forward(t.reshape(n, h, w, c).transpose(0, 3, 1, 2)); // [N, C, H, W]
        } else {
            t = projOutLinear.forward(t).reshape(n, h, w, c).transpose(0, 3, 1, 2); // [N, C, H, W]
        }
        return t.add(x); // [N, C, H, W]
    }
}
