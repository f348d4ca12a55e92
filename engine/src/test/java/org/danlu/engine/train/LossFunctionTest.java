package org.danlu.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** kohya's loss types and Huber schedules (kohya-compat.md §5.5), worked by hand. */
class LossFunctionTest {

    private final NoiseSchedule schedule = NoiseSchedule.ddpmScaledLinear();

    @Test
    void huberThresholdSchedules() {
        // snr at t = 500: ᾱ = 0.276332498, σ = √(0.723667502/0.276332498) = 1.618312; (1 − 0.1)/(2.618312)² + 0.1 = 0.231282.
        LossFunction snr = LossFunction.parse("huber", "snr", 0.1, 1.0);
        double sigma = Math.sqrt((1 - 0.276332498) / 0.276332498);
        assertEquals(0.9 / ((1 + sigma) * (1 + sigma)) + 0.1, snr.huberThresholds(new int[] {500}, schedule)[0], 1e-6);
        // exponential at t = 500: exp(−500·ln(10)/1000)·2 = 2/√10 = 0.632456.
        LossFunction exp = LossFunction.parse("huber", "exponential", 0.1, 2.0);
        assertEquals(2 / Math.sqrt(10), exp.huberThresholds(new int[] {500}, schedule)[0], 1e-6);
        assertEquals(0.3f, LossFunction.parse("smooth_l1", "constant", 0.1, 3.0).huberThresholds(new int[] {7}, schedule)[0], 1e-7f);
    }

    @Test
    void elementwiseLossesAveragedPerSample() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray pred = m.create(new float[] {3, -4, 0, 1}, new Shape(2, 1, 1, 2));
            NDArray target = m.zeros(new Shape(2, 1, 1, 2));
            int[] t = {1, 1};
            assertArrayEquals(new float[] {12.5f, 0.5f}, LossFunction.l2().perSample(pred, target, t, schedule).toFloatArray(), 0f);
            assertArrayEquals(new float[] {3.5f, 0.5f},
                    LossFunction.parse("l1", null, 0.1, 1).perSample(pred, target, t, schedule).toFloatArray(), 0f);
            // Constant c = 1: huber 2c(√(d² + c²) − c): d=3 → 2(√10 − 1), d=−4 → 2(√17 − 1), d=0 → 0, d=1 → 2(√2 − 1).
            float[] huber = LossFunction.parse("huber", "constant", 1.0, 1.0).perSample(pred, target, t, schedule).toFloatArray();
            assertEquals((2 * (Math.sqrt(10) - 1) + 2 * (Math.sqrt(17) - 1)) / 2, huber[0], 1e-5);
            assertEquals(2 * (Math.sqrt(2) - 1) / 2, huber[1], 1e-6);
            // c = 0.5: huber = 2·0.5·(√(d² + 0.25) − 0.5), smooth_l1 = twice that.
            float[] h = LossFunction.parse("huber", "constant", 0.5, 1.0).perSample(pred, target, t, schedule).toFloatArray();
            float[] s = LossFunction.parse("smooth_l1", "constant", 0.5, 1.0).perSample(pred, target, t, schedule).toFloatArray();
            assertEquals(((Math.sqrt(1.25) - 0.5)) / 2, h[1], 1e-6);
            assertEquals(2 * h[1], s[1], 1e-6);
        }
        assertThrows(IllegalArgumentException.class, () -> LossFunction.parse("l3", null, 0.1, 1));
    }
}
