package org.danlu.engine.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Scaled dot-product attention, softmax(q·kᵀ/√d + mask)·v, the one way every model here computes it.
 * Shapes: B batch, H heads, T query tokens, S key tokens, D head size; q [B, H, T, D], k/v [B, H, S, D].
 *
 * <p>This is the plain path: the reference and the fallback. Long queries are processed in chunks of query
 * rows so the [T, S] score matrix never exceeds {@link #MAX_SCORE_ELEMENTS} per chunk; the result is identical
 * to the unchunked computation because each query row's softmax is independent.
 */
public final class Attention {
    /** Per-chunk budget for B·H·T_chunk·S scores (about 64 MiB of fp32). */
    static final long MAX_SCORE_ELEMENTS = 1L << 24;

    /** The plain path as an {@link AttentionFunction}. */
    public static final AttentionFunction CHUNKED = Attention::plain;

    private Attention() {}

    public static NDArray plain(NDArray q, NDArray k, NDArray v, boolean causal) {
        Shape qs = q.getShape();
        long b = qs.get(0), h = qs.get(1), t = qs.get(2), d = qs.get(3);
        long s = k.getShape().get(2);
        float scale = (float) (1.0 / Math.sqrt(d));
        long rowsPerChunk = Math.max(1, MAX_SCORE_ELEMENTS / Math.max(1, b * h * s));
        if (rowsPerChunk >= t) {
            return block(q, k, v, causal, 0, scale);
        }
        NDList parts = new NDList();
        for (long start = 0; start < t; start += rowsPerChunk) {
            long end = Math.min(t, start + rowsPerChunk);
            NDArray qc = q.get(new NDIndex(":, :, {}:{}", start, end)); // [B, H, chunk, D]
            parts.add(block(qc, k, v, causal, start, scale));
        }
        return NDArrays.concat(parts, 2); // [B, H, T, D]
    }

    private static NDArray block(NDArray q, NDArray k, NDArray v, boolean causal, long rowOffset, float scale) {
        NDArray scores = NativeScalar.times(q.matMul(k.transpose(0, 1, 3, 2)), scale); // [B, H, t, S]
        if (causal) {
            scores = scores.add(causalMask(q.getManager(), q.getShape().get(2), k.getShape().get(2), rowOffset, scores));
        }
        return scores.softmax(-1).matMul(v); // [B, H, t, D]
    }

    /** [t, S] additive mask: 0 where key ≤ query position, -inf after it (CLIP's causal mask). */
    private static NDArray causalMask(NDManager m, long t, long s, long rowOffset, NDArray like) {
        NDArray rows = m.arange(rowOffset, rowOffset + t).reshape(t, 1);
        NDArray cols = m.arange(0, s).reshape(1, s);
        NDArray future = cols.gt(rows); // [t, S] true where the key lies after the query
        Shape shape = new Shape(t, s);
        return NDArrays.where(future,
                m.full(shape, Float.NEGATIVE_INFINITY, like.getDataType(), like.getDevice()),
                m.zeros(shape, like.getDataType(), like.getDevice()));
    }

    /** Test seam: plain attention with a forced chunk size. */
    static NDArray plainChunked(NDArray q, NDArray k, NDArray v, boolean causal, long rowsPerChunk) {
        long t = q.getShape().get(2);
        float scale = (float) (1.0 / Math.sqrt(q.getShape().get(3)));
        NDList parts = new NDList();
        for (long start = 0; start < t; start += rowsPerChunk) {
            long end = Math.min(t, start + rowsPerChunk);
            parts.add(block(q.get(new NDIndex(":, :, {}:{}", start, end)), k, v, causal, start, scale));
        }
        return NDArrays.concat(parts, 2);
    }
}
