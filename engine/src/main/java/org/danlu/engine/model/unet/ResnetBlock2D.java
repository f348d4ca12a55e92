package org.danlu.engine.model.unet;

import ai.djl.ndarray.NDArray;
import org.danlu.engine.model.nn.Activations;
import org.danlu.engine.model.nn.Conv2d;
import org.danlu.engine.model.nn.GroupNorm;
import org.danlu.engine.model.nn.Linear;
import org.danlu.engine.model.nn.Module;

/**
 * diffusers {@code ResnetBlock2D} (time_embedding_norm default, output scale 1): GroupNorm, SiLU, 3×3 conv, plus
 * the projected time embedding per channel, GroupNorm, SiLU, 3×3 conv, added to the input (through a 1×1
 * conv_shortcut when the channel count changes). N batch, Ci/Co in/out channels, E time embedding width.
 */
final class ResnetBlock2D extends Module {
    final GroupNorm norm1;
    final Conv2d conv1;
    final Linear timeEmbProj;
    final GroupNorm norm2;
    final Conv2d conv2;
    final Conv2d convShortcut;

    ResnetBlock2D(int in, int out, int timeDim, int groups, float eps) {
        norm1 = child("norm1", new GroupNorm(groups, in, eps));
        conv1 = child("conv1", new Conv2d(in, out, 3, 1, 1, true));
        timeEmbProj = child("time_emb_proj", new Linear(timeDim, out, true));
        norm2 = child("norm2", new GroupNorm(groups, out, eps));
        conv2 = child("conv2", new Conv2d(out, out, 3, 1, 1, true));
        convShortcut = in == out ? null : child("conv_shortcut", new Conv2d(in, out, 1, 1, 0, true));
    }

    /**
     * x [N, Ci, H, W], siluTemb [N, E] = silu(time embedding), computed once per forward by the caller since every
     * block applies the same SiLU first → [N, Co, H, W].
     */
    NDArray forward(NDArray x, NDArray siluTemb) {
        NDArray h = conv1.forward(Activations.silu(norm1.forward(x))); // [N, Co, H, W]
        NDArray t = timeEmbProj.forward(siluTemb); // [N, Co]
        t = t.reshape(t.getShape().get(0), t.getShape().get(1), 1, 1); // [N, Co, 1, 1]
        h = conv2.forward(Activations.silu(norm2.forward(h.add(t)))); // [N, Co, H, W]
        return (convShortcut == null ? x : convShortcut.forward(x)).add(h); // [N, Co, H, W]
    }
}
