package org.danlu.engine.model.nn;

import ai.djl.ndarray.NDArray;

/**
 * A term added to a layer's output, computed from the layer's input: how LoRA attaches to a Linear or Conv2d
 * without replacing it (kohya replaces {@code forward} the same way: {@code org_forward(x) + lora(x)}).
 */
@FunctionalInterface
public interface ForwardDelta {
    /** @return the term to add to the layer output, same shape as that output */
    NDArray apply(NDArray input);
}
