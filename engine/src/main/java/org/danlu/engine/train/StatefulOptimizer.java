package org.danlu.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bookkeeping every optimizer here shares: float32 state tensors in its own sub-manager, made
 * lazily and kept out of the callers' {@link NDScope}s; the step count; export and import.
 */
abstract class StatefulOptimizer implements Optimizer {

    private final NDManager manager;
    private final Map<String, NDArray> tensors = new LinkedHashMap<>();
    /** Optimizer steps taken (torch's per-parameter {@code state["step"]}; all parameters step together). */
    protected long steps;

    StatefulOptimizer(NDManager parent) {
        this.manager = parent.newSubManager();
    }

    /** The state tensor {@code slot.index}, made as zeros shaped like {@code like} on first use. */
    protected NDArray state(String slot, int index, NDArray like) {
        return state(slot, index, like.getShape(), like);
    }

    protected NDArray state(String slot, int index, Shape shape, NDArray onDeviceOf) {
        String key = slot + "." + index;
        NDArray existing = tensors.get(key);
        if (existing != null) {
            return existing;
        }
        NDArray zeros = manager.zeros(shape, DataType.FLOAT32, onDeviceOf.getDevice());
        NDScope.unregister(zeros);
        tensors.put(key, zeros);
        return zeros;
    }

    protected boolean hasState(String slot, int index) {
        return tensors.containsKey(slot + "." + index);
    }

    /** Stores a copy of {@code value} as {@code slot.index}, owned by this optimizer. */
    protected NDArray putStateCopy(String slot, int index, NDArray value) {
        // duplicate() always copies; toType(..., true) returns the same tensor when the type already matches.
        NDArray copy = value.duplicate();
        if (copy.getDataType() != DataType.FLOAT32) {
            NDArray cast = copy.toType(DataType.FLOAT32, false);
            copy.close();
            copy = cast;
        }
        NDScope.unregister(copy);
        copy.attach(manager);
        NDArray old = tensors.put(slot + "." + index, copy);
        if (old != null) {
            old.close();
        }
        return copy;
    }

    /** Numbers besides the step count, for export. */
    protected Map<String, Double> scalars() {
        return Map.of();
    }

    /** Restores the numbers of {@link #scalars()}. */
    protected void loadScalars(OptimizerState state) {
    }

    static List<NDArray> allParams(List<ParamGroup> groups) {
        List<NDArray> out = new ArrayList<>();
        groups.forEach(g -> out.addAll(g.params()));
        return out;
    }

    @Override
    public OptimizerState exportState() {
        Map<String, Double> numbers = new HashMap<>(scalars());
        numbers.put("step", (double) steps);
        return new OptimizerState(name(), tensors, numbers);
    }

    @Override
    public void importState(OptimizerState state) {
        if (!name().equalsIgnoreCase(state.optimizer())) {
            throw new IllegalArgumentException("optimizer state was saved by " + state.optimizer()
                    + " but this run uses " + name() + "; resume with the same optimizer_type");
        }
        tensors.values().forEach(NDArray::close);
        tensors.clear();
        for (Map.Entry<String, NDArray> e : state.tensors().entrySet()) {
            int dot = e.getKey().lastIndexOf('.');
            putStateCopy(e.getKey().substring(0, dot), Integer.parseInt(e.getKey().substring(dot + 1)), e.getValue());
        }
        steps = (long) state.scalar("step");
        loadScalars(state);
    }

    @Override
    public void close() {
        tensors.clear();
        manager.close();
    }
}
