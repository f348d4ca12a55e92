package org.danlu.engine.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * x·s with the scalar held in a tensor libtorch allocated itself. Why not {@code x.mul(s)}: DJL turns a Java
 * number into a 0-dim tensor over a direct ByteBuffer ({@code from_blob}, no copy on CPU) and closes it right
 * after the op. Autograd saves that scalar to compute the gradient of x, so after the buffer is collected the
 * backward pass reads freed memory: gradients turned into NaN or 1e14 now and then (seen in 2 of 30 UNet
 * backward passes on CPU). A libtorch-owned scalar is kept alive by autograd's reference.
 * Use this (never {@code mul(Number)}) for any op on the path of a gradient.
 */
public final class NativeScalar {
    private NativeScalar() {}

    /** x·s, same shape and dtype as x. */
    public static NDArray times(NDArray x, float s) {
        try (NDArray k = x.getManager().full(new Shape(), s, x.getDataType())) { // [] owned by libtorch
            return x.mul(k);
        }
    }
}
