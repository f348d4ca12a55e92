package org.danlu.engine.model.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.danlu.engine.model.nn.Activations;
import org.danlu.engine.model.nn.Attention;
import org.danlu.engine.model.nn.Conv2d;
import org.danlu.engine.model.nn.GroupNorm;
import org.danlu.engine.model.nn.Linear;
import org.danlu.engine.model.nn.Module;

/**
 * The VAE's building blocks as diffusers 0.27 defines them for AutoencoderKL (no time embedding anywhere, every
 * norm eps 1e-6). Shapes: N batch, C channels, H×W spatial.
 */
final class VaeBlocks {
    /** diffusers builds every VAE resnet, norm and attention with this eps. */
    static final float EPS = 1e-6f;

    private VaeBlocks() {}

    /**
     * {@code ResnetBlock2D} without time embedding: norm1, SiLU, conv1, norm2, SiLU, conv2, plus the input
     * (through a 1×1 {@code conv_shortcut} when the channel count changes).
     */
    static final class ResnetBlock2D extends Module {
        final GroupNorm norm1;
        final Conv2d conv1;
        final GroupNorm norm2;
        final Conv2d conv2;
        final Conv2d convShortcut;

        ResnetBlock2D(int in, int out, int groups) {
            norm1 = child("norm1", new GroupNorm(groups, in, EPS));
            conv1 = child("conv1", new Conv2d(in, out, 3, 1, 1, true));
            norm2 = child("norm2", new GroupNorm(groups, out, EPS));
            conv2 = child("conv2", new Conv2d(out, out, 3, 1, 1, true));
            convShortcut = in != out ? child("conv_shortcut", new Conv2d(in, out, 1, 1, 0, true)) : null;
        }

        NDArray forward(NDArray x) {
            NDArray h = conv1.forward(Activations.silu(norm1.forward(x))); // [N, out, H, W]
            h = conv2.forward(Activations.silu(norm2.forward(h))); // [N, out, H, W]
            NDArray skip = convShortcut == null ? x : convShortcut.forward(x);
            return skip.add(h);
        }
    }

    /**
     * {@code Downsample2D(use_conv=True, padding=0)}: diffusers pads right and bottom by one (F.pad (0, 1, 0, 1))
     * and then runs a 3×3 stride-2 conv without padding, so H, W halve (rounding up an odd size's extra row away).
     */
    static final class Downsample2D extends Module {
        final Conv2d conv;

        Downsample2D(int channels) {
            conv = child("conv", new Conv2d(channels, channels, 3, 2, 0, true));
        }

        NDArray forward(NDArray x) {
            NDArray padded = x.pad(new Shape(0, 1, 0, 1), 0); // [N, C, H+1, W+1]; torch order: W left/right, H top/bottom
            return conv.forward(padded); // [N, C, H/2, W/2]
        }
    }

    /** {@code Upsample2D(use_conv=True)}: nearest-neighbour ×2, then a 3×3 conv. */
    static final class Upsample2D extends Module {
        final Conv2d conv;

        Upsample2D(int channels) {
            conv = child("conv", new Conv2d(channels, channels, 3, 1, 1, true));
        }

        NDArray forward(NDArray x) {
            Shape s = x.getShape(); // [N, C, H, W]
            long n = s.get(0), c = s.get(1), h = s.get(2), w = s.get(3);
            // Nearest ×2 is each pixel repeated into a 2×2 block: broadcast a unit axis after H and after W.
            NDArray up = x.reshape(n, c, h, 1, w, 1).broadcast(n, c, h, 2, w, 2).reshape(n, c, 2 * h, 2 * w);
            return conv.forward(up); // [N, C, 2H, 2W]
        }
    }

    /**
     * The mid block's single-head self-attention over the H·W positions (diffusers {@code Attention} built with
     * {@code _from_deprecated_attn_block=True}): group_norm, to_q/to_k/to_v, to_out.0, residual added.
     */
    static final class MidAttention extends Module {
        final GroupNorm groupNorm;
        final Linear toQ;
        final Linear toK;
        final Linear toV;
        final Linear toOut;

        MidAttention(int channels, int groups) {
            groupNorm = child("group_norm", new GroupNorm(groups, channels, EPS));
            toQ = child("to_q", new Linear(channels, channels, true));
            toK = child("to_k", new Linear(channels, channels, true));
            toV = child("to_v", new Linear(channels, channels, true));
            IndexedModules<Linear> out = child("to_out", new IndexedModules<>());
            toOut = out.add(new Linear(channels, channels, true)); // to_out.1 is a dropout, no weights
        }

        NDArray forward(NDArray x) {
            Shape s = x.getShape(); // [N, C, H, W]
            long n = s.get(0), c = s.get(1), h = s.get(2), w = s.get(3);
            NDArray tokens = groupNorm.forward(x).reshape(n, c, h * w).transpose(0, 2, 1); // [N, HW, C]
            NDArray q = toQ.forward(tokens).expandDims(1); // [N, 1, HW, C]: one head of size C
            NDArray k = toK.forward(tokens).expandDims(1);
            NDArray v = toV.forward(tokens).expandDims(1);
            NDArray o = Attention.plain(q, k, v, false).squeeze(1); // [N, HW, C]
            NDArray y = toOut.forward(o).transpose(0, 2, 1).reshape(n, c, h, w); // [N, C, H, W]
            return y.add(x);
        }
    }

    /** {@code UNetMidBlock2D} without time embedding: resnets.0, attentions.0, resnets.1. */
    static final class MidBlock2D extends Module {
        final IndexedModules<ResnetBlock2D> resnets;
        final IndexedModules<MidAttention> attentions;

        MidBlock2D(int channels, int groups) {
            attentions = child("attentions", new IndexedModules<>());
            resnets = child("resnets", new IndexedModules<>());
            attentions.add(new MidAttention(channels, groups));
            resnets.add(new ResnetBlock2D(channels, channels, groups));
            resnets.add(new ResnetBlock2D(channels, channels, groups));
        }

        NDArray forward(NDArray x) {
            NDArray h = resnets.get(0).forward(x);
            h = attentions.get(0).forward(h);
            return resnets.get(1).forward(h);
        }
    }

    /** {@code DownEncoderBlock2D}: resnets, then (except the last block) a downsampler. */
    static final class DownEncoderBlock2D extends Module {
        final IndexedModules<ResnetBlock2D> resnets;
        final Downsample2D downsampler;

        DownEncoderBlock2D(int in, int out, int layers, int groups, boolean downsample) {
            resnets = child("resnets", new IndexedModules<>());
            for (int j = 0; j < layers; j++) {
                resnets.add(new ResnetBlock2D(j == 0 ? in : out, out, groups));
            }
            if (downsample) {
                IndexedModules<Downsample2D> list = child("downsamplers", new IndexedModules<>());
                downsampler = list.add(new Downsample2D(out));
            } else {
                downsampler = null;
            }
        }

        NDArray forward(NDArray x) {
            NDArray h = x;
            for (ResnetBlock2D r : resnets.items()) {
                h = r.forward(h);
            }
            return downsampler == null ? h : downsampler.forward(h);
        }
    }

    /** {@code UpDecoderBlock2D}: resnets, then (except the last block) an upsampler. */
    static final class UpDecoderBlock2D extends Module {
        final IndexedModules<ResnetBlock2D> resnets;
        final Upsample2D upsampler;

        UpDecoderBlock2D(int in, int out, int layers, int groups, boolean upsample) {
            resnets = child("resnets", new IndexedModules<>());
            for (int j = 0; j < layers; j++) {
                resnets.add(new ResnetBlock2D(j == 0 ? in : out, out, groups));
            }
            if (upsample) {
                IndexedModules<Upsample2D> list = child("upsamplers", new IndexedModules<>());
                upsampler = list.add(new Upsample2D(out));
            } else {
                upsampler = null;
            }
        }

        NDArray forward(NDArray x) {
            NDArray h = x;
            for (ResnetBlock2D r : resnets.items()) {
                h = r.forward(h);
            }
            return upsampler == null ? h : upsampler.forward(h);
        }
    }
}
