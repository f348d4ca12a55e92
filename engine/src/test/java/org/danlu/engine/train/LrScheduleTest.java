package org.danlu.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Each schedule against transformers' {@code get_scheduler} lambdas, worked by hand in the comments
 * (N = total steps, W = warm-up steps, k = 0-based optimizer step).
 */
class LrScheduleTest {

    private static final double TOL = 1e-12;

    @Test
    void constantIsOneAndRefusesWarmup() {
        LrSchedule s = LrSchedule.of(LrSchedulerType.CONSTANT, 100, 0, 1e-4);
        assertEquals(1.0, s.factor(0), TOL);
        assertEquals(1.0, s.factor(99), TOL);
        assertEquals(1e-4, s.lr(50, 1e-4), TOL);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LrSchedule.of(LrSchedulerType.CONSTANT, 100, 10, 1e-4));
        assertTrue(e.getMessage().contains("constant_with_warmup"), e.getMessage());
    }

    @Test
    void constantWithWarmupRampsLinearlyFromZero() {
        // k < W: k / max(1, W); afterwards 1. N = 100, W = 10.
        LrSchedule s = LrSchedule.of(LrSchedulerType.CONSTANT_WITH_WARMUP, 100, 10, 1e-4);
        assertEquals(0.0, s.factor(0), TOL); // the first optimizer step trains with lr 0, as kohya
        assertEquals(0.5, s.factor(5), TOL);
        assertEquals(0.9, s.factor(9), TOL);
        assertEquals(1.0, s.factor(10), TOL);
        assertEquals(1.0, s.factor(99), TOL);
    }

    @Test
    void linearDecaysToZeroAfterWarmup() {
        // max(0, (N − k) / max(1, N − W)), N = 100, W = 10: k=10 → 90/90, k=55 → 45/90, k=100 → 0.
        LrSchedule s = LrSchedule.of(LrSchedulerType.LINEAR, 100, 10, 1e-4);
        assertEquals(0.5, s.factor(5), TOL);
        assertEquals(1.0, s.factor(10), TOL);
        assertEquals(0.5, s.factor(55), TOL);
        assertEquals(1.0 / 90, s.factor(99), TOL);
        assertEquals(0.0, s.factor(100), TOL);
        assertEquals(0.0, s.factor(120), TOL); // clamped, never negative
    }

    @Test
    void cosineIsOneHalfCosine() {
        // p = (k − W)/max(1, N − W); 0.5·(1 + cos(π·p)).
        LrSchedule s = LrSchedule.of(LrSchedulerType.COSINE, 100, 0, 1e-4);
        assertEquals(1.0, s.factor(0), TOL);
        assertEquals(0.5 * (1 + Math.sqrt(0.5)), s.factor(25), TOL); // cos(π/4) = 0.7071… → 0.853553…
        assertEquals(0.853553390593, s.factor(25), 1e-11);
        assertEquals(0.5, s.factor(50), TOL);
        assertEquals(0.0, s.factor(100), TOL);
        LrSchedule warm = LrSchedule.of(LrSchedulerType.COSINE, 100, 20, 1e-4);
        assertEquals(0.25, warm.factor(5), TOL);
        assertEquals(0.5, warm.factor(60), TOL); // p = 40/80
    }

    @Test
    void cosineWithRestartsRestartsEveryCycle() {
        // c = 2: 0.5·(1 + cos(π·((c·p) mod 1))), 0 once p ≥ 1.
        LrSchedule s = new LrSchedule(LrSchedulerType.COSINE_WITH_RESTARTS, 100, 0, 2, 1, 1e-7, 1e-4);
        assertEquals(1.0, s.factor(0), TOL);
        assertEquals(0.904508497187, s.factor(10), 1e-11); // c·p = 0.2: 0.5·(1 + cos 36°) = 0.5·1.809017
        assertEquals(0.5, s.factor(25), TOL);
        assertEquals(1.0, s.factor(50), TOL); // the restart
        assertEquals(0.5, s.factor(75), TOL);
        assertEquals(0.0, s.factor(100), TOL);
        LrSchedule one = LrSchedule.of(LrSchedulerType.COSINE_WITH_RESTARTS, 100, 0, 1e-4);
        assertEquals(0.5, one.factor(50), TOL); // one cycle = plain cosine
    }

    @Test
    void polynomialDecaysToLrEnd() {
        // ((lr_init − lr_end)·(1 − (k − W)/(N − W))^power + lr_end) / lr_init, lr_init 1e-3, lr_end 1e-7.
        LrSchedule p2 = new LrSchedule(LrSchedulerType.POLYNOMIAL, 100, 0, 1, 2, 1e-7, 1e-3);
        assertEquals(1.0, p2.factor(0), TOL);
        assertEquals(0.250075, p2.factor(50), 1e-12); // (0.9999e-3·0.25 + 1e-7)/1e-3
        assertEquals(1e-4, p2.factor(100), 1e-15); // lr_end / lr_init
        assertEquals(1e-4, p2.factor(150), 1e-15);
        LrSchedule p1 = new LrSchedule(LrSchedulerType.POLYNOMIAL, 100, 10, 1, 1, 1e-7, 1e-3);
        assertEquals(0.5, p1.factor(5), TOL); // warm-up
        assertEquals(0.50005, p1.factor(55), 1e-12); // (0.9999e-3·0.5 + 1e-7)/1e-3
        assertEquals(5.0005e-4 * 2e-4 / 1e-3, p1.lr(55, 2e-4), 1e-15); // a second group scales by the same λ
        assertThrows(IllegalArgumentException.class,
                () -> new LrSchedule(LrSchedulerType.POLYNOMIAL, 100, 0, 1, 1, 1e-3, 1e-3));
    }

    @Test
    void warmupIsACountOrAFraction() {
        assertEquals(100, LrWarmup.resolve("100", 1000));
        assertEquals(100, LrWarmup.resolve("0.1", 1000));
        assertEquals(50, LrWarmup.resolve("5%", 1000));
        assertEquals(2, LrWarmup.resolve(0.25, 10)); // int(2.5)
        assertEquals(7, LrWarmup.resolve(7L, 10));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LrWarmup.resolve("1.5", 1000));
        assertTrue(e.getMessage().contains("whole step count"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LrWarmup.resolve("ten", 1000));
        assertThrows(IllegalArgumentException.class, () -> LrWarmup.resolve(1.5, 1000));
    }

    @Test
    void schedulerNamesParseAsKohyaWritesThem() {
        assertEquals(LrSchedulerType.COSINE_WITH_RESTARTS, LrSchedulerType.parse("Cosine_With_Restarts"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LrSchedulerType.parse("cosine2"));
        assertTrue(e.getMessage().contains("polynomial"), e.getMessage());
    }
}
