package org.danlu.engine.train;

import java.util.ArrayList;
import java.util.List;

/**
 * kohya's {@code LossRecorder}: during the first epoch the mean of every loss so far; afterwards the loss at
 * batch i replaces the previous epoch's loss at batch i, so the average runs over the last epoch's worth of batches.
 */
public final class LossAverage {
    private final List<Double> losses = new ArrayList<>();
    private double total;

    /** Records the loss of batch {@code index} (0-based within its epoch) of 1-based {@code epoch}. */
    public void add(int epoch, int index, double loss) {
        if (epoch == 1 || index >= losses.size()) {
            losses.add(loss);
        } else {
            total -= losses.get(index);
            losses.set(index, loss);
        }
        total += loss;
    }

    public double average() {
        return losses.isEmpty() ? Double.NaN : total / losses.size();
    }

    /** The recorded losses, for a resumable state. */
    public List<Double> values() {
        return List.copyOf(losses);
    }

    /** Restores {@link #values()}. */
    public void restore(List<Double> values) {
        losses.clear();
        losses.addAll(values);
        total = values.stream().mapToDouble(Double::doubleValue).sum();
    }
}
