package org.danlu.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** MSE reduction and per-sample weights as kohya computes them (kohya-compat.md §5.5–5.6), worked by hand. */
class DiffusionLossTest {

    private final NoiseSchedule schedule = NoiseSchedule.ddpmScaledLinear();

    @Test
    void mseIsMeanPerSampleThenWeightedThenMeanOverTheBatch() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray pred = m.create(new float[] {1, 2, 3, 5}, new Shape(2, 1, 1, 2));
            NDArray target = m.zeros(new Shape(2, 1, 1, 2));
            // Sample 0: (1 + 4)/2 = 2.5; sample 1: (9 + 25)/2 = 17.
            assertArrayEquals(new float[] {2.5f, 17f}, DiffusionLoss.perSampleMse(pred, target).toFloatArray(), 0f);
            // Weights [1, 0.5]: (2.5 + 8.5)/2 = 5.5.
            assertEquals(5.5f, DiffusionLoss.mse(pred, target, new float[] {1, 0.5f}).getFloat(), 0f);
            assertThrows(IllegalArgumentException.class, () -> DiffusionLoss.mse(pred, target, new float[] {1}));
        }
    }

    @Test
    void gradientIsTwiceTheErrorTimesWeightOverElementsAndBatch() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray pred = m.create(new float[] {1, 2, 3, 5}, new Shape(2, 1, 1, 2));
            pred.setRequiresGradient(true);
            NDArray target = m.zeros(new Shape(2, 1, 1, 2));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(DiffusionLoss.mse(pred, target, new float[] {1, 0.5f}));
            }
            // d/dp = w_b · 2(p − y) / (C·H·W) / B: [1·2·1/2/2, 1·2·2/2/2, 0.5·2·3/2/2, 0.5·2·5/2/2].
            assertArrayEquals(new float[] {0.5f, 1f, 0.75f, 1.25f}, pred.getGradient().toFloatArray(), 1e-7f);
        }
    }

    @Test
    void minSnrGammaWeights() {
        // SNR(99) = 8.56594181, SNR(500) = 0.381850064 (kohya-compat.md §5.1); γ = 5.
        LossWeighting eps = new LossWeighting(5, false, false, 0, false);
        float[] w = eps.weights(new int[] {99, 500}, new float[] {1, 1}, schedule);
        assertEquals(5 / 8.56594181, w[0], 1e-6); // 0.583707
        assertEquals(1.0, w[1], 1e-6); // SNR below γ: min(S, γ)/S = 1
        LossWeighting v = new LossWeighting(5, true, false, 0, false);
        float[] wv = v.weights(new int[] {99, 500}, new float[] {1, 1}, schedule);
        assertEquals(5 / 9.56594181, wv[0], 1e-6); // min(S, γ)/(S + 1)
        assertEquals(0.381850064 / 1.381850064, wv[1], 1e-6); // = ᾱ_500 = 0.2763325
    }

    @Test
    void priorLossWeightComesFirstAndMultiplies() {
        LossWeighting eps = new LossWeighting(5, false, false, 0, false);
        float[] w = eps.weights(new int[] {99, 99}, new float[] {1, 0.5f}, schedule);
        assertEquals(0.5 * 5 / 8.56594181, w[1], 1e-6);
        assertArrayEquals(new float[] {1, 0.5f}, LossWeighting.plain(false).weights(new int[] {3, 700}, new float[] {1, 0.5f}, schedule), 0f);
    }

    @Test
    void vPredictionScalesAndDebiasedEstimation() {
        // scale_v_pred_loss_like_noise_pred at t = 0: S = min(1175.44, 1000) = 1000 → 1000/1001.
        assertEquals(1000.0 / 1001, new LossWeighting(0, true, true, 0, false).weights(new int[] {0}, new float[] {1}, schedule)[0], 1e-6);
        // debiased at t = 250 (SNR 2.06553173): ε 1/√S = 0.695797, v 1/(S + 1) = 0.326208.
        assertEquals(1 / Math.sqrt(2.06553173), new LossWeighting(0, false, false, 0, true).weights(new int[] {250}, new float[] {1}, schedule)[0], 1e-6);
        assertEquals(1 / 3.06553173, new LossWeighting(0, true, false, 0, true).weights(new int[] {250}, new float[] {1}, schedule)[0], 1e-6);
        // v_pred_like_loss 0.1 at t = 250: 1 + 0.1/(S/(S+1)) = 1 + 0.1/0.673792 = 1.148414.
        assertEquals(1 + 0.1 / (2.06553173 / 3.06553173), new LossWeighting(0, false, false, 0.1, false).weights(new int[] {250}, new float[] {1}, schedule)[0], 1e-6);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LossWeighting(-1, false, false, 0, false))
                .getMessage().contains("min_snr_gamma"));
    }
}
