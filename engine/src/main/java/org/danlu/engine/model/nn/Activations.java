package org.danlu.engine.model.nn;

import ai.djl.ndarray.NDArray;

/** Activation functions the SD models use, written with the ops DJL has. */
public final class Activations {
    private Activations() {}

    /** SiLU: DJL has no fused op, x·σ(x) is exact. */
    public static NDArray silu(NDArray x) {
        return x.mul(x.getNDArrayInternal().sigmoid());
    }

    /** OpenAI CLIP's quick_gelu: x·σ(1.702·x). */
    public static NDArray quickGelu(NDArray x) {
        return x.mul(NativeScalar.times(x, 1.702f).getNDArrayInternal().sigmoid());
    }

    /** Exact (erf) GELU as torch's default. */
    public static NDArray gelu(NDArray x) {
        return ai.djl.nn.Activation.gelu(x);
    }
}
