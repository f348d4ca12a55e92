package org.danlu.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Noise offset, adaptive scale and pyramid noise (kohya-compat.md §5.3), expected values worked in plain Java. */
class TrainingNoiseTest {

    @Test
    void bilinearUpsampleMatchesTorchAlignCornersFalse() {
        // 2 → 4: source coords −0.25→0 (clamped), 0.25, 0.75, 1.25→last: weights [1,0] [.75,.25] [.25,.75] [0,1].
        assertArrayEquals(new float[] {1, 0, .75f, .25f, .25f, .75f, 0, 1}, BilinearUpsample.weights(2, 4), 0f);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {0, 4, 8, 12}, new Shape(1, 1, 2, 2));
            float[] up = BilinearUpsample.apply(x, 4, 4).toFloatArray();
            assertArrayEquals(new float[] {0, 1, 3, 4, 2, 3, 5, 6, 6, 7, 9, 10, 8, 9, 11, 12}, up, 1e-6f);
            NDArray one = m.create(new float[] {5}, new Shape(1, 1, 1, 1));
            assertArrayEquals(new float[] {5, 5, 5, 5, 5, 5}, BilinearUpsample.apply(one, 2, 3).toFloatArray(), 0f);
        }
    }

    @Test
    void noiseOffsetAddsOneDrawPerSampleAndChannel() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray latents = m.ones(new Shape(2, 3, 2, 2));
            NDArray noise = m.zeros(new Shape(2, 3, 2, 2));
            float[] out = TrainingNoise.withOffset(noise, latents, 0.1, null, new Random(5)).toFloatArray();
            Random ref = new Random(5);
            for (int bc = 0; bc < 6; bc++) {
                float expected = (float) (0.1 * (float) ref.nextGaussian());
                for (int hw = 0; hw < 4; hw++) {
                    assertEquals(expected, out[bc * 4 + hw], 1e-7f, "b·c " + bc);
                }
            }
        }
    }

    @Test
    void adaptiveScaleUsesTheAbsoluteChannelMeanAndClampsAtZero() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Channel 0 = [1, 3] (mean 2), channel 1 = [−4, 0] (mean −2, |mean| 2).
            NDArray latents = m.create(new float[] {1, 3, -4, 0}, new Shape(1, 2, 1, 2));
            NDArray noise = m.zeros(new Shape(1, 2, 1, 2));
            float[] out = TrainingNoise.withOffset(noise, latents, 0.1, 0.5, new Random(9)).toFloatArray();
            Random ref = new Random(9);
            float g0 = (float) ref.nextGaussian();
            float g1 = (float) ref.nextGaussian();
            // o' = 0.1 + 0.5·2 = 1.1 for both channels.
            assertArrayEquals(new float[] {1.1f * g0, 1.1f * g0, 1.1f * g1, 1.1f * g1}, out, 1e-6f);
            // A negative scale: 0.1 − 1·2 < 0 → clamped to 0, the noise is unchanged.
            float[] none = TrainingNoise.withOffset(noise, latents, 0.1, -1.0, new Random(9)).toFloatArray();
            assertArrayEquals(new float[] {0, 0, 0, 0}, none, 0f);
        }
    }

    @Test
    void pyramidWithOneLevelAddsFullResolutionNoiseAndRenormalises() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] base = {0.5f, -1f, 2f, 0.25f, -0.75f, 1.5f};
            NDArray noise = m.create(base, new Shape(1, 1, 2, 3));
            float[] out = TrainingNoise.pyramid(noise, 1, 0.3, new Random(11)).toFloatArray();
            // Level 0: r drawn (unused, r^0 = 1), randn(1,1,2,3) added with weight 0.3^0 = 1, then / std (n − 1).
            Random ref = new Random(11);
            ref.nextDouble();
            double[] sum = new double[6];
            double mean = 0;
            for (int i = 0; i < 6; i++) {
                sum[i] = base[i] + (float) ref.nextGaussian();
                mean += sum[i] / 6;
            }
            double ss = 0;
            for (double v : sum) {
                ss += (v - mean) * (v - mean);
            }
            double std = Math.sqrt(ss / 5);
            for (int i = 0; i < 6; i++) {
                assertEquals(sum[i] / std, out[i], 1e-5);
            }
        }
    }

    @Test
    void pyramidStopsOnceASideReachesOne() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray noise = m.zeros(new Shape(1, 2, 4, 4));
            Random rng = new Random(3);
            float[] out = TrainingNoise.pyramid(noise, 10, 0.3, rng).toFloatArray();
            // Level 0 draws r and 32 gaussians; level 1 has r in [2, 4) so int(4/r) = 1: r and 2 gaussians, then stop.
            Random ref = new Random(3);
            ref.nextDouble();
            for (int i = 0; i < 32; i++) {
                ref.nextGaussian();
            }
            ref.nextDouble();
            ref.nextGaussian();
            ref.nextGaussian();
            assertEquals(ref.nextLong(), rng.nextLong(), "the pyramid drew a different number of values");
            double mean = 0;
            for (float v : out) {
                mean += v / out.length;
            }
            double ss = 0;
            for (float v : out) {
                ss += (v - mean) * (v - mean);
            }
            assertEquals(1.0, Math.sqrt(ss / (out.length - 1)), 1e-5);
        }
    }

    @Test
    void sampleDrawsTheFullNoiseThenTheOffset() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray latents = m.zeros(new Shape(1, 2, 1, 2));
            NoiseSettings s = new NoiseSettings(0.1, false, null, 0, 0.3);
            float[] out = TrainingNoise.sample(latents, s, new Random(21)).toFloatArray();
            Random ref = new Random(21);
            float[] g = new float[4];
            for (int i = 0; i < 4; i++) {
                g[i] = (float) ref.nextGaussian();
            }
            float o0 = (float) (0.1 * (float) ref.nextGaussian());
            float o1 = (float) (0.1 * (float) ref.nextGaussian());
            assertArrayEquals(new float[] {g[0] + o0, g[1] + o0, g[2] + o1, g[3] + o1}, out, 1e-6f);
            assertArrayEquals(g, TrainingNoise.sample(latents, NoiseSettings.none(), new Random(21)).toFloatArray(), 0f);
        }
    }

    @Test
    void noisedBatchDrawsNoiseThenTimestepsThenThePerturbation() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray latents = m.create(new float[] {1, 2}, new Shape(1, 1, 1, 2));
            NoiseSchedule schedule = NoiseSchedule.ddpmScaledLinear();
            NoiseSettings s = new NoiseSettings(0, false, null, 0, 0.3, 0.1, false, 500, 501);
            NoisedBatch b = NoisedBatch.of(latents, schedule, s, true, new Random(4));
            Random ref = new Random(4);
            float n0 = (float) ref.nextGaussian();
            float n1 = (float) ref.nextGaussian();
            assertEquals(500, b.timesteps()[0]);
            assertEquals(0, ref.nextInt(1)); // the timestep draw (a range of one value)
            float e0 = (float) ref.nextGaussian();
            float e1 = (float) ref.nextGaussian();
            double a = Math.sqrt(schedule.alphaCumprod(500));
            double sg = Math.sqrt(1 - schedule.alphaCumprod(500));
            assertArrayEquals(new float[] {n0, n1}, b.noise().toFloatArray(), 0f);
            // The input sees noise + 0.1·extra; the v target uses the plain noise.
            assertArrayEquals(new float[] {(float) (a * 1 + sg * (n0 + 0.1 * e0)), (float) (a * 2 + sg * (n1 + 0.1 * e1))},
                    b.noisy().toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {(float) (a * n0 - sg * 1), (float) (a * n1 - sg * 2)}, b.target().toFloatArray(), 1e-6f);
        }
    }

    @Test
    void unbiasedStdAndSettingsChecks() {
        try (NDManager m = NDManager.newBaseManager()) {
            // [1,2,3,4]: squared deviations 2.25+0.25+0.25+2.25 = 5, / 3 → sqrt(5/3).
            assertEquals(Math.sqrt(5.0 / 3), TrainingNoise.unbiasedStd(m.create(new float[] {1, 2, 3, 4})).getFloat(), 1e-6);
        }
        assertThrows(IllegalArgumentException.class, () -> new NoiseSettings(0, false, 0.5, 0, 0.3));
    }
}
