package org.danlu.engine.model.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.danlu.engine.model.nn.Activations;
import org.danlu.engine.model.nn.AttentionFunction;
import org.danlu.engine.model.nn.Conv2d;
import org.danlu.engine.model.nn.GroupNorm;
import org.danlu.engine.model.nn.Linear;
import org.danlu.engine.model.nn.Module;

/**
 * diffusers {@code UNet2DConditionModel} as SD 1.x/2.x use it; parameter paths are the diffusers keys
 * ({@code down_blocks.0.attentions.1.transformer_blocks.0.attn2.to_k.weight}).
 *
 * <p>Shapes: N batch, C channels, H/W latent height/width, E time embedding width (4·C0), S text tokens, Ct text
 * width. Forward: sinusoidal time_proj → time_embedding (Linear, SiLU, Linear); conv_in; down blocks pushing skip
 * states; mid block; up blocks popping them; GroupNorm, SiLU, conv_out.
 */
public final class UNet2DConditionModel extends Module {
    private final UNetConfig config;
    final Linear timeLinear1;
    final Linear timeLinear2;
    final Conv2d convIn;
    final List<DownBlock2D> downBlocks = new ArrayList<>();
    final MidBlock2DCrossAttn midBlock;
    final List<UpBlock2D> upBlocks = new ArrayList<>();
    final GroupNorm convNormOut;
    final Conv2d convOut;

    public UNet2DConditionModel(UNetConfig cfg) {
        this.config = cfg;
        List<Integer> ch = cfg.blockOutChannels();
        int blocks = ch.size();
        TimestepEmbedding te = child("time_embedding", new TimestepEmbedding(ch.get(0), cfg.timeEmbedDim()));
        timeLinear1 = te.linear1;
        timeLinear2 = te.linear2;
        convIn = child("conv_in", new Conv2d(cfg.inChannels(), ch.get(0), 3, 1, 1, true));
        Indexed downs = child("down_blocks", new Indexed());
        for (int i = 0; i < blocks; i++) {
            downBlocks.add(downs.add(new DownBlock2D(cfg, i, i == 0 ? ch.get(0) : ch.get(i - 1), ch.get(i),
                    cfg.downBlockTypes().get(i).equals(UNetConfig.CROSS_DOWN), i < blocks - 1)));
        }
        midBlock = child("mid_block", new MidBlock2DCrossAttn(cfg));
        Indexed ups = child("up_blocks", new Indexed());
        for (int i = 0; i < blocks; i++) {
            int out = ch.get(blocks - 1 - i);
            int prevOut = ch.get(blocks - 1 - Math.max(i - 1, 0));
            int skipIn = ch.get(blocks - 1 - Math.min(i + 1, blocks - 1));
            upBlocks.add(ups.add(new UpBlock2D(cfg, i, prevOut, out, skipIn,
                    cfg.upBlockTypes().get(i).equals(UNetConfig.CROSS_UP), i < blocks - 1)));
        }
        convNormOut = child("conv_norm_out", new GroupNorm(cfg.normNumGroups(), ch.get(0), cfg.normEps()));
        convOut = child("conv_out", new Conv2d(ch.get(0), cfg.outChannels(), 3, 1, 1, true));
    }

    /** diffusers {@code TimestepEmbedding}: linear_1 C0 → E, SiLU, linear_2 E → E. */
    private static final class TimestepEmbedding extends Module {
        final Linear linear1;
        final Linear linear2;

        TimestepEmbedding(int in, int dim) {
            linear1 = child("linear_1", new Linear(in, dim, true));
            linear2 = child("linear_2", new Linear(dim, dim, true));
        }
    }

    public UNetConfig config() {
        return config;
    }

    /** Sets the attention kernel of every attention layer (chunked reference or fused). */
    public void setAttention(AttentionFunction kernel) {
        namedModules().values().forEach(m -> {
            if (m instanceof MultiHeadAttention a) {
                a.setKernel(kernel);
            }
        });
    }

    /**
     * Noise prediction. sample [N, Cin, H, W], timestep [N] (integer or float), context [N, S, Ct] →
     * [N, Cout, H, W], owned by {@code sample}'s manager; every intermediate is closed before returning.
     */
    public NDArray forward(NDArray sample, NDArray timestep, NDArray context) {
        return forward(sample, timestep, context, null);
    }

    /**
     * As {@link #forward(NDArray, NDArray, NDArray)}, reporting each top-level module's output to {@code probe}
     * under its diffusers name (time_proj, time_embedding, conv_in, down_blocks.i, mid_block, up_blocks.i,
     * conv_norm_out, conv_out) while it is still open; the probe must copy what it keeps.
     */
    public NDArray forward(NDArray sample, NDArray timestep, NDArray context, BiConsumer<String, NDArray> probe) {
        BiConsumer<String, NDArray> report = probe == null ? (n, a) -> { } : probe;
        NDManager caller = sample.getManager();
        try (NDManager scope = caller.newSubManager()) {
            // Lent to the scope for this call (given back when it closes), so every op result lands in the scope.
            sample.tempAttach(scope);
            context.tempAttach(scope);
            NDArray x = sample; // [N, Cin, H, W]
            NDArray ctx = context; // [N, S, Ct]
            NDArray tproj = timeProjection(scope, timestep, x.getDataType()); // [N, C0]
            report.accept("time_proj", tproj);
            NDArray temb = timeLinear2.forward(Activations.silu(timeLinear1.forward(tproj))); // [N, E]
            report.accept("time_embedding", temb);
            NDArray siluTemb = Activations.silu(temb); // [N, E], the first op of every resnet's time branch
            x = convIn.forward(x); // [N, C0, H, W]
            report.accept("conv_in", x);
            List<NDArray> skips = new ArrayList<>();
            skips.add(x);
            for (int i = 0; i < downBlocks.size(); i++) {
                x = downBlocks.get(i).forward(x, siluTemb, ctx, skips); // [N, Ci, H/2^i', W/2^i']
                report.accept("down_blocks." + i, x);
            }
            x = midBlock.forward(x, siluTemb, ctx); // [N, Clast, h, w]
            report.accept("mid_block", x);
            // diffusers passes the skip's size to the upsampler when H or W is not a multiple of 2^(#upsamplers)
            long factor = 1L << (upBlocks.size() - 1);
            boolean explicitSize = sample.getShape().get(2) % factor != 0 || sample.getShape().get(3) % factor != 0;
            for (int i = 0; i < upBlocks.size(); i++) {
                UpBlock2D up = upBlocks.get(i);
                long[] size = null;
                if (explicitSize && i < upBlocks.size() - 1) {
                    NDArray next = skips.get(skips.size() - 1 - up.resnetCount()); // the next block's last skip
                    size = new long[] {next.getShape().get(2), next.getShape().get(3)};
                }
                x = up.forward(x, skips, siluTemb, ctx, size); // [N, C, H', W']
                report.accept("up_blocks." + i, x);
            }
            x = convNormOut.forward(x); // [N, C0, H, W]
            report.accept("conv_norm_out", x);
            x = convOut.forward(Activations.silu(x)); // [N, Cout, H, W]
            report.accept("conv_out", x);
            x.attach(caller);
            return x;
        }
    }

    /**
     * Sinusoidal embedding exactly as diffusers' {@code get_timestep_embedding} computes it in fp32:
     * freq_j = exp(−ln(10000)·j / (C0/2 − freq_shift)), arg = t·freq, [sin | cos] (cos first when flip_sin_to_cos).
     * The same ops in the same order, so the rounding matches the reference. → [N, C0].
     */
    private NDArray timeProjection(NDManager scope, NDArray timestep, DataType type) {
        int half = config.blockOutChannels().get(0) / 2;
        NDArray freq = scope.arange(0, half, 1, DataType.FLOAT32)
                .mul((float) -Math.log(10000)).div((float) (half - config.freqShift())).exp(); // [C0/2]
        NDArray t = timestep.toType(DataType.FLOAT32, true); // [N], a copy: the caller keeps its array
        t.attach(scope);
        NDArray arg = t.reshape(-1, 1).mul(freq.reshape(1, -1)); // [N, C0/2]
        NDArray sin = arg.sin(), cos = arg.cos(); // [N, C0/2] each
        NDArray emb = config.flipSinToCos() ? NDArrays.concat(new NDList(cos, sin), 1)
                : NDArrays.concat(new NDList(sin, cos), 1); // [N, C0]
        return emb.toType(type, false); // [N, C0]
    }
}
