package org.danlu.engine.model.nn;

import ai.djl.ndarray.NDArray;

/**
 * One way to compute softmax(q·kᵀ/√D [+ causal mask])·v. q [B, H, T, D], k/v [B, H, S, D] → [B, H, T, D].
 * Implementations: {@link Attention#CHUNKED} (plain ops, the reference) and the fused TorchScript path.
 */
@FunctionalInterface
public interface AttentionFunction {
    NDArray apply(NDArray q, NDArray k, NDArray v, boolean causal);
}
