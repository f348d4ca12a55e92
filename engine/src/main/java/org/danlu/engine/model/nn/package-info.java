/**
 * The building blocks of our model trees: {@link org.danlu.engine.model.nn.Module} (named children, named
 * parameters, so a checkpoint key reads as a path), the leaf layers the Stable Diffusion models share, strict
 * weight loading by path ({@link org.danlu.engine.model.nn.Weights}) and the two attention paths: plain chunked
 * ops ({@link org.danlu.engine.model.nn.Attention}) and fused {@code scaled_dot_product_attention} through a
 * TorchScript module we write ourselves ({@link org.danlu.engine.model.nn.FusedAttention}), chosen by
 * {@link org.danlu.engine.model.nn.AttentionMode}. Plain classes holding NDArrays; no DJL Block/Trainer
 * machinery (the one PtSymbolBlock is libtorch's handle to the fused kernel). Must not import the UI, dataset
 * or run packages.
 */
package org.danlu.engine.model.nn;
