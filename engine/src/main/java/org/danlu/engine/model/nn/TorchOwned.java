package org.danlu.engine.model.nn;

import ai.djl.ndarray.NDArray;

/**
 * Arrays made from Java data ({@code manager.create(float[])}) alias a direct buffer on the CPU, which the JVM
 * frees once the array is closed or collected. Autograd keeps inputs it needs for backward, so such an array on a
 * gradient path can be read after it is freed (random NaNs). {@link #copy} turns it into memory libtorch owns.
 * The scalar case is {@link NativeScalar}.
 */
public final class TorchOwned {
    private TorchOwned() {}

    /** A libtorch-owned copy of {@code fromJava}, which is closed. */
    public static NDArray copy(NDArray fromJava) {
        NDArray copy = fromJava.duplicate();
        fromJava.close();
        return copy;
    }
}
