package org.danlu.engine.train;

import ai.djl.ndarray.NDArray;
import org.danlu.engine.model.nn.TorchOwned;
import ai.djl.ndarray.types.DataType;

/**
 * kohya's MSE loss reduction (kohya-compat.md §5.5–5.6): element-wise {@code (pred − target)²} in
 * float32, mean over C, H, W per sample, times each sample's weight ({@link LossWeighting}), then
 * the mean over the batch. The result is a scalar NDArray for {@code GradientCollector.backward}.
 */
public final class DiffusionLoss {

    private DiffusionLoss() {
    }

    /** The weighted batch loss; {@code pred}, {@code target}: [B, C, H, W]. */
    public static NDArray mse(NDArray pred, NDArray target, float[] sampleWeights) {
        return TempScope.run(() -> weightedMean(perSampleMse(pred, target), sampleWeights));
    }

    /** Unweighted per-sample MSE, [B] float32 (mean over everything but the batch axis). */
    public static NDArray perSampleMse(NDArray pred, NDArray target) {
        if (!pred.getShape().equals(target.getShape())) {
            throw new IllegalArgumentException("loss: prediction " + pred.getShape() + " and target "
                    + target.getShape() + " differ in shape");
        }
        long batch = pred.getShape().get(0);
        return TempScope.run(() -> {
            NDArray diff = pred.toType(DataType.FLOAT32, false).sub(target.toType(DataType.FLOAT32, false));
            return diff.square().reshape(batch, -1).mean(new int[] {1}); // [B]
        });
    }

    /** {@code mean(perSample × weights)}: a scalar. */
    public static NDArray weightedMean(NDArray perSample, float[] sampleWeights) {
        if (perSample.getShape().size() != sampleWeights.length) {
            throw new IllegalArgumentException("loss: " + sampleWeights.length + " weights for "
                    + perSample.getShape().size() + " samples");
        }
        return TempScope.run(() -> {
            // torch-owned: autograd keeps w for backward, and an array over Java data may be freed before that
            NDArray w = TorchOwned.copy(perSample.getManager().create(sampleWeights)).toDevice(perSample.getDevice(), false);
            return perSample.mul(w).mean();
        });
    }
}
