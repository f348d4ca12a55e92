package org.danlu.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The DDPM schedule against diffusers' DDPMScheduler goldens and kohya-compat.md §5.1's reference table. */
class NoiseScheduleTest {

    private final NoiseSchedule schedule = NoiseSchedule.ddpmScaledLinear();

    @Test
    void betasAlphasAndCumprodMatchDiffusers() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList g = Goldens.load(m, "ddpm_scheduler.safetensors");
            float[] betas = Goldens.get(g, "betas").toFloatArray();
            float[] alphas = Goldens.get(g, "alphas").toFloatArray();
            float[] cumprod = Goldens.get(g, "alphas_cumprod").toFloatArray();
            assertEquals(1000, betas.length);
            for (int t = 0; t < 1000; t++) {
                // Bit-exact: torch's float32 linspace and double-accumulated cumprod are reproduced exactly.
                assertEquals(betas[t], schedule.beta(t), 0f, "beta " + t);
                assertEquals(alphas[t], schedule.alpha(t), 0f, "alpha " + t);
                assertEquals(cumprod[t], schedule.alphaCumprod(t), 0f, "alphas_cumprod " + t);
            }
            // The numpy float64 product differs by at most 4.7e-7 (fixture README).
            double[] f64 = Goldens.get(g, "alphas_cumprod_f64_numpy").toDoubleArray();
            for (int t = 0; t < 1000; t++) {
                assertEquals(f64[t], schedule.alphaCumprod(t), 5e-7, "alphas_cumprod vs float64 " + t);
            }
        }
    }

    @Test
    void referenceTableOfKohyaCompat() {
        // t, beta, ᾱ, SNR from kohya-compat.md §5.1 (torch float32).
        double[][] table = {
            {0, 0.000849999953, 0.999149978, 1175.44055},
            {1, 0.000854698592, 0.998296022, 585.862183},
            {99, 0.00137799175, 0.895462453, 8.56594181},
            {250, 0.00242776098, 0.673792303, 2.06553173},
            {500, 0.00481495447, 0.276332498, 0.381850064},
            {999, 0.0119999992, 0.00466009602, 0.00468191318},
        };
        for (double[] row : table) {
            int t = (int) row[0];
            assertEquals(row[1], schedule.beta(t), row[1] * 1e-6, "beta " + t);
            assertEquals(row[2], schedule.alphaCumprod(t), 1e-7, "alphas_cumprod " + t);
            assertEquals(row[3], schedule.snr(t), row[3] * 2e-5, "snr " + t);
        }
    }

    @Test
    void addNoiseAndVelocityMatchDiffusers() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList g = Goldens.load(m, "ddpm_scheduler.safetensors");
            long[] ts = Goldens.get(g, "timesteps").toLongArray();
            int[] t = new int[ts.length];
            for (int i = 0; i < t.length; i++) {
                t[i] = (int) ts[i];
            }
            NDArray x0 = Goldens.get(g, "x0");
            NDArray noise = Goldens.get(g, "noise");
            float[] sqrtA = Goldens.get(g, "sqrt_alpha_prod").toFloatArray();
            float[] sqrtS = Goldens.get(g, "sqrt_one_minus_alpha_prod").toFloatArray();
            for (int i = 0; i < t.length; i++) {
                assertEquals(sqrtA[i], schedule.sqrtAlphaCumprod(t[i]), 1e-7);
                assertEquals(sqrtS[i], schedule.sqrtOneMinusAlphaCumprod(t[i]), 1e-7);
            }
            Goldens.assertClose(Goldens.get(g, "noisy"), schedule.addNoise(x0, noise, t), 1e-6, 1e-6, "noisy");
            Goldens.assertClose(Goldens.get(g, "velocity"), schedule.velocity(x0, noise, t), 1e-6, 1e-6, "velocity");
            Goldens.assertClose(Goldens.get(g, "velocity"), schedule.target(x0, noise, t, true), 1e-6, 1e-6, "v target");
            Goldens.assertClose(noise, schedule.target(x0, noise, t, false), 0, 0, "epsilon target");
        }
    }

    @Test
    void zeroTerminalSnrEndsAtZeroAndKeepsTheStart() {
        NoiseSchedule z = schedule.withZeroTerminalSnr();
        assertEquals(0f, z.alphaCumprod(999), 0f); // shifted so √ᾱ_T = 0
        assertEquals(0f, z.snr(999), 0f);
        assertEquals(1f, z.beta(999), 0f);
        // √ᾱ_0 is unchanged (up to float rounding of the shift and rescale).
        assertEquals(schedule.alphaCumprod(0), z.alphaCumprod(0), 1e-6);
        // Middle values: √ᾱ'_t = (√ᾱ_t − √ᾱ_T)·√ᾱ_0/(√ᾱ_0 − √ᾱ_T), with ᾱ_500 = 0.276332498, ᾱ_999 = 0.00466009602.
        double s0 = Math.sqrt(0.999149978);
        double sT = Math.sqrt(0.00466009602);
        double s500 = (Math.sqrt(0.276332498) - sT) * s0 / (s0 - sT);
        assertEquals(s500 * s500, z.alphaCumprod(500), 2e-6);
    }

    @Test
    void timestepsAreUniformInTheHalfOpenRange() {
        Random rng = new Random(7);
        int[] t = schedule.sampleTimesteps(5000, 100, 200, rng);
        int min = 1000;
        int max = -1;
        for (int v : t) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(100, min);
        assertEquals(199, max); // max_timestep itself is never drawn
        assertEquals(300, schedule.sampleTimesteps(3, 300, 300, rng)[2]);
        int[] again = schedule.sampleTimesteps(10, 0, 1000, new Random(3));
        assertEquals(java.util.Arrays.toString(again), java.util.Arrays.toString(schedule.sampleTimesteps(10, 0, 1000, new Random(3))));
        assertThrows(IllegalArgumentException.class, () -> schedule.sampleTimesteps(1, 10, 1001, rng));
    }
}
