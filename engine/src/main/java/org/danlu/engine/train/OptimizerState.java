package org.danlu.engine.train;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * An optimizer's resumable state: named float32 tensors and named numbers (step count, D estimates).
 *
 * @param optimizer the optimizer's name, checked on import
 */
public record OptimizerState(String optimizer, Map<String, NDArray> tensors, Map<String, Double> scalars) {

    public OptimizerState {
        tensors = Map.copyOf(tensors);
        scalars = Map.copyOf(scalars);
    }

    /** A number that must be present; names the missing key otherwise. */
    public double scalar(String key) {
        Double v = scalars.get(key);
        if (v == null) {
            throw new IllegalArgumentException(optimizer + " state: missing number '" + key + "'");
        }
        return v;
    }
}
