package org.danlu.engine.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Multiplication by a constant that is safe under autograd on the CPU. DJL's {@code x.mul(2f)} makes the constant
 * from a Java buffer that the new tensor only aliases there, and closes it right after the op; torch's backward
 * keeps that constant to compute the gradient, and once the JVM collects the buffer it reads freed memory (seen
 * as NaN losses at random steps). Here the constant is made by torch ({@code full}), so autograd's reference keeps
 * it alive.
 */
public final class Scalars {

    private Scalars() {
    }

    /** {@code x · v} with a torch-owned 0-dim constant of x's dtype and device. */
    public static NDArray mul(NDArray x, float v) {
        NDArray c = x.getManager().full(new Shape(), v, x.getDataType(), x.getDevice());
        return x.mul(c);
    }
}
