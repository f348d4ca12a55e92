package org.danlu.engine.train.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import org.danlu.engine.model.TinySdGolden;
import org.danlu.engine.tensor.SafetensorsFile;
import org.junit.jupiter.api.Test;

/**
 * The inference schedulers against diffusers 0.27's formulas for SD's scheduler config (scaled_linear
 * 0.00085..0.012, 1000 train steps, steps_offset 1, timestep_spacing "leading", set_alpha_to_one false). Every
 * expected value here is computed independently in plain Java doubles from the formulas written in the comments,
 * or comes from the reference's golden file.
 */
class InferenceSchedulerTest {
    private static final SchedulerConfig SD = SchedulerConfig.sd();
    private static final float[] SAMPLE = {0.5f, -1.25f, 2.0f, 0.0f, -0.3f, 1.1f};
    private static final float[] EPS = {0.1f, 0.4f, -0.7f, 1.3f, -0.05f, 0.9f};

    /** ᾱ_t in float64 straight from the definition: Π_{s≤t} (1 − (√b0 + s·(√b1 − √b0)/999)²). */
    private static double alphaBar(int t) {
        double r0 = Math.sqrt(0.00085);
        double r1 = Math.sqrt(0.012);
        double p = 1;
        for (int s = 0; s <= t; s++) {
            double r = r0 + s * (r1 - r0) / 999;
            p *= 1 - r * r;
        }
        return p;
    }

    /** σ(t) = √((1 − ᾱ_t)/ᾱ_t), as k-diffusion and diffusers' Euler schedulers define it. */
    private static double sigma(int t) {
        double a = alphaBar(t);
        return Math.sqrt((1 - a) / a);
    }

    @Test
    void alphasCumprodEqualsTheReferenceBitForBit() throws IOException {
        try (NDManager m = NDManager.newBaseManager(); SafetensorsFile g = TinySdGolden.open("ddpm_scheduler.safetensors")) {
            float[] ac = g.load("alphas_cumprod", m, DataType.FLOAT32).toFloatArray();
            assertArrayEquals(ac, SD.alphasCumprod());
        }
    }

    @Test
    void leadingTimestepsWithStepsOffset1() {
        // diffusers: ratio = 1000 // 30 = 33; (arange(30) * 33)[::-1] = 957, 924, …, 33, 0; + steps_offset 1
        int[] t = SD.leadingTimesteps(30);
        assertEquals(30, t.length);
        assertEquals(958, t[0]);
        assertEquals(925, t[1]);
        assertEquals(892, t[2]);
        assertEquals(67, t[27]);
        assertEquals(34, t[28]);
        assertEquals(1, t[29]);
        for (int i = 0; i < 30; i++) {
            assertEquals(958 - 33 * i, t[i]);
        }
        // 4 steps: ratio 250 → 751, 501, 251, 1
        assertArrayEquals(new int[] {751, 501, 251, 1}, SD.leadingTimesteps(4));
        DdimScheduler ddim = (DdimScheduler) InferenceScheduler.create(Sampler.DDIM, SD, 30);
        assertArrayEquals(t, ddim.timesteps());
        EulerScheduler euler = (EulerScheduler) InferenceScheduler.create(Sampler.EULER, SD, 30);
        assertEquals(958f, euler.timestep(0));
    }

    @Test
    void eulerSigmasFor30Steps() {
        EulerScheduler euler = (EulerScheduler) InferenceScheduler.create(Sampler.EULER, SD, 30);
        float[] s = euler.sigmas();
        assertEquals(31, s.length);
        for (int i = 0; i < 30; i++) {
            int t = 958 - 33 * i;
            // float32 ᾱ is off by up to ~6e-8 absolute; 1 − ᾱ amplifies that to ~3.5e-5 relative at t = 1, half of
            // it reaches σ: the tolerance allows 2e-5 relative (a wrong index or formula is off by percents)
            assertEquals(sigma(t), s[i], 2e-5 * sigma(t), "sigma at t=" + t);
        }
        assertEquals(0f, s[30]); // diffusers appends 0
        // init_noise_sigma for "leading" spacing = √(σ_max² + 1), σ_max = σ(958)
        assertEquals(Math.sqrt(sigma(958) * sigma(958) + 1), euler.initNoiseSigma(), 2e-6 * 12);
        // the familiar SD constants: σ(999) ≈ 14.6146 (k-diffusion's sigma_max for SD), σ(0) ≈ 0.0292
        float[] all = ((EulerScheduler) InferenceScheduler.create(Sampler.EULER, SD, 1000)).sigmas();
        assertEquals(14.6146, all[0], 1e-4); // t = 999 + 1 is past the table: np.interp holds the last value
        assertEquals(0.0413, all[999], 1e-4); // t = 1: steps_offset keeps t = 0 out of the schedule
        float a0 = SD.alphasCumprod()[0];
        assertEquals(0.0292, Math.sqrt((1 - a0) / a0), 1e-4); // σ(0), k-diffusion's sigma_min for SD
    }

    @Test
    void eulerStepMatchesTheFormula() {
        EulerScheduler euler = (EulerScheduler) InferenceScheduler.create(Sampler.EULER, SD, 30);
        int i = 3; // t = 859 → next t = 826
        double sg = sigma(859);
        double next = sigma(826);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(SAMPLE, new Shape(1, 1, 2, 3));
            NDArray eps = m.create(EPS, new Shape(1, 1, 2, 3));
            float[] in = euler.scaleModelInput(x, i).toFloatArray();
            float[] out = euler.step(eps, i, x, new SampleNoise(0)).toFloatArray();
            for (int k = 0; k < SAMPLE.length; k++) {
                // scale_model_input: x / √(σ² + 1)
                assertEquals(SAMPLE[k] / Math.sqrt(sg * sg + 1), in[k], 1e-6);
                // x0 = x − σ·ε; d = (x − x0)/σ; x' = x + d·(σ_next − σ)  (= x + ε·(σ_next − σ))
                double x0 = SAMPLE[k] - sg * EPS[k];
                double d = (SAMPLE[k] - x0) / sg;
                assertEquals(SAMPLE[k] + d * (next - sg), out[k], 2e-5, "element " + k);
            }
        }
    }

    @Test
    void eulerAncestralStepMatchesTheFormulaWithTheSeededNoise() {
        EulerAncestralScheduler ea = (EulerAncestralScheduler) InferenceScheduler.create(Sampler.EULER_A, SD, 30);
        int i = 10; // t = 628 → 595
        double from = sigma(628);
        double to = sigma(595);
        double up = Math.sqrt(to * to * (from * from - to * to) / (from * from));
        double down = Math.sqrt(to * to - up * up);
        assertEquals(up, ea.sigmaUp(i), 1e-5);
        assertEquals(down, ea.sigmaDown(i), 1e-5);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(SAMPLE, new Shape(1, 1, 2, 3));
            NDArray eps = m.create(EPS, new Shape(1, 1, 2, 3));
            float[] z = new SampleNoise(77).next(m, new Shape(1, 1, 2, 3)).toFloatArray();
            java.util.Random r = new java.util.Random(77);
            for (float zk : z) {
                assertEquals((float) r.nextGaussian(), zk); // the noise is java.util.Random's Gaussian stream
            }
            float[] out = ea.step(eps, i, x, new SampleNoise(77)).toFloatArray();
            for (int k = 0; k < SAMPLE.length; k++) {
                // x0 = x − σ·ε; d = (x − x0)/σ; x' = x + d·(σ_down − σ) + z·σ_up
                double x0 = SAMPLE[k] - from * EPS[k];
                double d = (SAMPLE[k] - x0) / from;
                double expected = SAMPLE[k] + d * (down - from) + z[k] * up;
                assertEquals(expected, out[k], 2e-5, "element " + k);
            }
        }
    }

    @Test
    void ddimStepMatchesTheFormulaWithClippingAndTheFinalAlpha() {
        DdimScheduler ddim = (DdimScheduler) InferenceScheduler.create(Sampler.DDIM, SD, 30);
        assertEquals(1f, ddim.initNoiseSigma());
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(SAMPLE, new Shape(1, 1, 2, 3));
            NDArray eps = m.create(EPS, new Shape(1, 1, 2, 3));
            assertArrayEquals(SAMPLE, ddim.scaleModelInput(x, 0).toFloatArray());
            // step 0: t = 958, prev = 958 − 33 = 925; last step: t = 1, prev = −32 < 0 → ᾱ_prev = ᾱ_0
            int[][] cases = {{0, 958, 925}, {29, 1, 0}};
            for (int[] c : cases) {
                float[] out = ddim.step(eps, c[0], x, new SampleNoise(0)).toFloatArray();
                double a = alphaBar(c[1]);
                double ap = alphaBar(c[2]);
                for (int k = 0; k < SAMPLE.length; k++) {
                    // x0 = (x − √(1−ᾱ)·ε)/√ᾱ, clamped to [−1, 1]; x' = √ᾱ_prev·x0 + √(1−ᾱ_prev)·ε
                    double x0 = (SAMPLE[k] - Math.sqrt(1 - a) * EPS[k]) / Math.sqrt(a);
                    x0 = Math.max(-1, Math.min(1, x0));
                    double expected = Math.sqrt(ap) * x0 + Math.sqrt(1 - ap) * EPS[k];
                    assertEquals(expected, out[k], 2e-5, "step " + c[0] + " element " + k);
                }
            }
        }
    }

    @Test
    void vPredictionUsesDiffusersConversions() {
        SchedulerConfig v = SD.withVPrediction(true);
        DdimScheduler ddim = (DdimScheduler) InferenceScheduler.create(Sampler.DDIM, v, 30);
        EulerScheduler euler = (EulerScheduler) InferenceScheduler.create(Sampler.EULER, v, 30);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(SAMPLE, new Shape(1, 1, 2, 3));
            NDArray vel = m.create(EPS, new Shape(1, 1, 2, 3));
            float[] d = ddim.step(vel, 0, x, new SampleNoise(0)).toFloatArray();
            float[] e = euler.step(vel, 0, x, new SampleNoise(0)).toFloatArray();
            double a = alphaBar(958);
            double ap = alphaBar(925);
            double sg = sigma(958);
            double next = sigma(925);
            for (int k = 0; k < SAMPLE.length; k++) {
                // DDIM: x0 = √ᾱ·x − √(1−ᾱ)·v (clamped), ε = √ᾱ·v + √(1−ᾱ)·x
                double x0 = Math.sqrt(a) * SAMPLE[k] - Math.sqrt(1 - a) * EPS[k];
                x0 = Math.max(-1, Math.min(1, x0));
                double eps = Math.sqrt(a) * EPS[k] + Math.sqrt(1 - a) * SAMPLE[k];
                assertEquals(Math.sqrt(ap) * x0 + Math.sqrt(1 - ap) * eps, d[k], 2e-5);
                // Euler: x0 = v·(−σ/√(σ²+1)) + x/(σ²+1)
                double ex0 = EPS[k] * (-sg / Math.sqrt(sg * sg + 1)) + SAMPLE[k] / (sg * sg + 1);
                assertEquals(SAMPLE[k] + (SAMPLE[k] - ex0) / sg * (next - sg), e[k], 2e-5);
            }
        }
    }
}
