package org.danlu.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.List;

/**
 * {@code torch.nn.utils.clip_grad_norm_} with the 2-norm, as kohya applies {@code max_grad_norm}
 * to the LoRA parameters: total = ‖(‖g₁‖, ‖g₂‖, …)‖; every gradient is scaled in place by
 * {@code min(1, max_norm/(total + 1e-6))}.
 */
public final class GradientClipping {

    private GradientClipping() {
    }

    /**
     * Clips in place and returns the total norm before clipping (not finite when a gradient is not:
     * the caller stops the run, as torch itself does not). {@code maxNorm} 0 means off: nothing is scaled.
     */
    public static double clipGradNorm(List<NDArray> grads, double maxNorm) {
        double sumSquares = 0;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (NDArray g : grads) {
                // float32 per-tensor norms as torch.linalg.vector_norm, combined in double.
                double norm = g.square().sum().sqrt().getFloat();
                sumSquares += norm * norm;
            }
        }
        double total = Math.sqrt(sumSquares);
        if (maxNorm <= 0) {
            return total;
        }
        double coef = Math.min(1.0, maxNorm / (total + 1e-6));
        if (coef < 1.0 || Double.isNaN(coef)) {
            for (NDArray g : grads) {
                g.muli((float) coef);
            }
        }
        return total;
    }
}
