package org.danlu.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** optimizer_args parsing (Python literals as kohya reads them), optimizer names, 8-bit mapping, gradient clipping. */
class OptimizerFactoryTest {

    @Test
    void argsAreReadAsPythonLiterals() {
        OptimizerArgs a = OptimizerArgs.parseLine("weight_decay=0.01 betas=0.9,0.999 d_coef=2 decouple=True beta3=None "
                + "eps=(1e-30, 1e-3) name='x y' growth_rate=1.02");
        assertEquals(0.01, a.getDouble("weight_decay", 0), 0);
        assertArrayEquals(new double[] {0.9, 0.999}, a.getDoubles("betas", 0, 0), 0);
        assertEquals(2L, a.values().get("d_coef"));
        assertEquals(2.0, a.getDouble("d_coef", 1), 0);
        assertTrue(a.getBoolean("decouple", false));
        assertNull(a.getNullableDouble("beta3", 0.5));
        assertArrayEquals(new double[] {1e-30, 1e-3}, a.getDoubles("eps", 0, 0), 0);
        assertEquals("x y", a.values().get("name"));
        assertEquals(0.7, a.getDouble("absent", 0.7), 0);
        OptimizerArgs list = OptimizerArgs.parse(List.of("betas=[0.8, 0.9]"));
        assertArrayEquals(new double[] {0.8, 0.9}, list.getDoubles("betas", 0, 0), 0);
    }

    @Test
    void badArgsAreNamed() {
        IllegalArgumentException twoEquals = assertThrows(IllegalArgumentException.class,
                () -> OptimizerArgs.parse(List.of("a=b=c")));
        assertTrue(twoEquals.getMessage().contains("a=b=c"), twoEquals.getMessage());
        IllegalArgumentException bare = assertThrows(IllegalArgumentException.class,
                () -> OptimizerArgs.parse(List.of("mode=fast")));
        assertTrue(bare.getMessage().contains("quoted string"), bare.getMessage());
        IllegalArgumentException pair = assertThrows(IllegalArgumentException.class,
                () -> OptimizerArgs.parse(List.of("betas=0.9")).getDoubles("betas", 0.9, 0.999));
        assertTrue(pair.getMessage().contains("betas=0.9,0.999"), pair.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> {
            try (NDManager m = NDManager.newBaseManager()) {
                OptimizerFactory.create("AdamW", OptimizerArgs.parse(List.of("d_coef=2")), 1e-4, m, w -> { });
            }
        });
        assertTrue(unknown.getMessage().contains("[d_coef]") && unknown.getMessage().contains("weight_decay"),
                unknown.getMessage());
    }

    @Test
    void namesMapCaseInsensitivelyAndEightBitWarnsAboutMemory() {
        try (NDManager m = NDManager.newBaseManager()) {
            List<String> warnings = new ArrayList<>();
            assertInstanceOf(AdamW.class, OptimizerFactory.create("adamw", OptimizerArgs.empty(), 1e-4, m, warnings::add));
            assertInstanceOf(AdamW.class, OptimizerFactory.create(null, OptimizerArgs.empty(), 1e-4, m, warnings::add));
            assertTrue(warnings.isEmpty(), warnings.toString());
            assertInstanceOf(AdamW.class, OptimizerFactory.create("AdamW8bit", OptimizerArgs.empty(), 1e-4, m, warnings::add));
            assertEquals(1, warnings.size());
            assertTrue(warnings.get(0).contains("8 bytes per trainable parameter instead of 2"), warnings.get(0));
            assertInstanceOf(Lion.class, OptimizerFactory.create("PagedLion8bit", OptimizerArgs.empty(), 1e-4, m, warnings::add));
            assertTrue(warnings.get(1).contains("MB more GPU memory"), warnings.get(1));
            assertInstanceOf(SgdNesterov.class, OptimizerFactory.create("SGDNesterov", OptimizerArgs.empty(), 1e-2, m, warnings::add));
            assertInstanceOf(Prodigy.class, OptimizerFactory.create("prodigy", OptimizerArgs.parseLine("d_coef=2 weight_decay=0.01"), 1.0, m, warnings::add));
            assertEquals(2, warnings.size()); // lr 1.0: no low-lr warning
            assertInstanceOf(DAdaptAdam.class, OptimizerFactory.create("DAdaptAdam", OptimizerArgs.empty(), 1e-4, m, warnings::add));
            assertTrue(warnings.get(2).contains("around 1.0"), warnings.get(2));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> OptimizerFactory.create("Adam3000", OptimizerArgs.empty(), 1e-4, m, warnings::add));
            assertTrue(e.getMessage().contains("Prodigy"), e.getMessage());
        }
    }

    @Test
    void adafactorDefaultsToKohyasRelativeStepWithAWarning() {
        try (NDManager m = NDManager.newBaseManager()) {
            List<String> warnings = new ArrayList<>();
            OptimizerFactory.create("Adafactor", OptimizerArgs.empty(), 1e-4, m, warnings::add);
            assertTrue(warnings.get(0).contains("relative_step=True"), warnings.toString());
            warnings.clear();
            OptimizerFactory.create("Adafactor", OptimizerArgs.parseLine("relative_step=False scale_parameter=False warmup_init=False"),
                    1e-4, m, warnings::add);
            assertTrue(warnings.isEmpty(), warnings.toString());
        }
    }

    @Test
    void clipGradNormScalesByMaxNormOverTotalNorm() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[] {3, 4});
            NDArray b = m.create(new float[] {12});
            // ‖(‖a‖, ‖b‖)‖ = ‖(5, 12)‖ = 13; coefficient 1/(13 + 1e-6).
            assertEquals(13.0, GradientClipping.clipGradNorm(List.of(a, b), 1.0), 1e-5);
            double coef = 1.0 / (13 + 1e-6);
            assertArrayEquals(new float[] {(float) (3 * coef), (float) (4 * coef)}, a.toFloatArray(), 1e-7f);
            assertArrayEquals(new float[] {(float) (12 * coef)}, b.toFloatArray(), 1e-7f);
            // Below the limit nothing changes; 0 turns clipping off but still reports the norm.
            NDArray c = m.create(new float[] {3, 4});
            assertEquals(5.0, GradientClipping.clipGradNorm(List.of(c), 20.0), 1e-6);
            assertArrayEquals(new float[] {3, 4}, c.toFloatArray(), 0f);
            assertEquals(5.0, GradientClipping.clipGradNorm(List.of(c), 0), 1e-6);
            assertArrayEquals(new float[] {3, 4}, c.toFloatArray(), 0f);
        }
    }
}
