package org.danlu.engine.model.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.danlu.engine.model.nn.Attention;
import org.danlu.engine.model.nn.AttentionFunction;
import org.danlu.engine.model.nn.Linear;
import org.danlu.engine.model.nn.Module;

/**
 * diffusers {@code Attention} as BasicTransformerBlock uses it: to_q/to_k/to_v without bias, to_out.0 with
 * bias, head size D = inner / heads, scale 1/√D. Self-attention when no context is given (attn1), cross-attention
 * over the text states otherwise (attn2). B batch, T query tokens, S context tokens, C inner width, H heads.
 */
final class MultiHeadAttention extends Module {
    final Linear toQ;
    final Linear toK;
    final Linear toV;
    final Linear toOut;
    private final int heads;
    private final boolean upcast;
    private AttentionFunction kernel = Attention.CHUNKED;

    MultiHeadAttention(int queryDim, Integer contextDim, int heads, boolean upcast) {
        int kvDim = contextDim == null ? queryDim : contextDim;
        this.heads = heads;
        this.upcast = upcast;
        toQ = child("to_q", new Linear(queryDim, queryDim, false));
        toK = child("to_k", new Linear(kvDim, queryDim, false));
        toV = child("to_v", new Linear(kvDim, queryDim, false));
        toOut = child("to_out", new OutProjection(queryDim)).proj;
    }

    /** diffusers keeps the output Linear at index 0 of a ModuleList (index 1 is dropout). */
    private static final class OutProjection extends Module {
        final Linear proj;

        OutProjection(int dim) {
            proj = child("0", new Linear(dim, dim, true));
        }
    }

    void setKernel(AttentionFunction kernel) {
        this.kernel = kernel;
    }

    /** x [B, T, C], context [B, S, Cctx] or null → [B, T, C]. */
    NDArray forward(NDArray x, NDArray context) {
        NDArray ctx = context == null ? x : context;
        long b = x.getShape().get(0), t = x.getShape().get(1), s = ctx.getShape().get(1);
        long c = toQ.outFeatures, d = c / heads;
        NDArray q = toQ.forward(x).reshape(b, t, heads, d).transpose(0, 2, 1, 3); // [B, H, T, D]
        NDArray k = toK.forward(ctx).reshape(b, s, heads, d).transpose(0, 2, 1, 3); // [B, H, S, D]
        NDArray v = toV.forward(ctx).reshape(b, s, heads, d).transpose(0, 2, 1, 3); // [B, H, S, D]
        NDArray o;
        DataType type = q.getDataType();
        if (upcast && type != DataType.FLOAT32) {
            // upcast_attention (SD2.1): scores and softmax in fp32, as diffusers does under half precision
            o = kernel.apply(q.toType(DataType.FLOAT32, false), k.toType(DataType.FLOAT32, false),
                    v.toType(DataType.FLOAT32, false), false).toType(type, false); // [B, H, T, D]
        } else {
            o = kernel.apply(q, k, v, false); // [B, H, T, D]
        }
        return toOut.forward(o.transpose(0, 2, 1, 3).reshape(b, t, c)); // [B, T, C]
    }
}
