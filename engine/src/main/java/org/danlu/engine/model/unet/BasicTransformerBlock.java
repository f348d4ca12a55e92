package org.danlu.engine.model.unet;

import ai.djl.ndarray.NDArray;
import org.danlu.engine.model.nn.LayerNorm;
import org.danlu.engine.model.nn.Module;

/**
 * diffusers {@code BasicTransformerBlock} (norm_type layer_norm, eps 1e-5): pre-norm self-attention, pre-norm
 * cross-attention over the text states, pre-norm GEGLU feed-forward, each added to the residual stream.
 * B batch, T tokens (H·W), C inner width, S text tokens.
 */
final class BasicTransformerBlock extends Module {
    final LayerNorm norm1;
    final MultiHeadAttention attn1;
    final LayerNorm norm2;
    final MultiHeadAttention attn2;
    final LayerNorm norm3;
    final FeedForward ff;

    BasicTransformerBlock(int dim, int heads, int contextDim, boolean upcast) {
        norm1 = child("norm1", new LayerNorm(dim, 1e-5f));
        attn1 = child("attn1", new MultiHeadAttention(dim, null, heads, upcast));
        norm2 = child("norm2", new LayerNorm(dim, 1e-5f));
        attn2 = child("attn2", new MultiHeadAttention(dim, contextDim, heads, upcast));
        norm3 = child("norm3", new LayerNorm(dim, 1e-5f));
        ff = child("ff", new FeedForward(dim));
    }

    /** x [B, T, C], context [B, S, Cctx] → [B, T, C]. */
    NDArray forward(NDArray x, NDArray context) {
        x = attn1.forward(norm1.forward(x), null).add(x); // [B, T, C]
        x = attn2.forward(norm2.forward(x), context).add(x); // [B, T, C]
        return ff.forward(norm3.forward(x)).add(x); // [B, T, C]
    }
}
