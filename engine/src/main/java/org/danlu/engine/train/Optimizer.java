package org.danlu.engine.train;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * An optimizer over float32 parameter NDArrays updated in place, with float32 state it owns.
 * Call {@link #step} outside any {@code GradientCollector}, once per optimizer step, after
 * gradient clipping. {@link #close()} frees the state.
 */
public interface Optimizer extends AutoCloseable {

    /** The optimizer's name as kohya's {@code optimizer_type} spells it (for metadata and logs). */
    String name();

    /** One update of every group's parameters with its gradients at its learning rate. */
    void step(List<ParamGroup> groups);

    /** One update of a single group. */
    default void step(List<NDArray> params, List<NDArray> grads, double lr) {
        step(List.of(new ParamGroup(params, grads, lr)));
    }

    /**
     * The state for a resumable checkpoint. Tensors are named {@code <slot>.<parameter index>}
     * (index over all groups in order) and stay owned by the optimizer: write them before the next step.
     */
    OptimizerState exportState();

    /** Restores state written by {@link #exportState()} of the same optimizer over the same parameters (copies it). */
    void importState(OptimizerState state);

    @Override
    void close();
}
