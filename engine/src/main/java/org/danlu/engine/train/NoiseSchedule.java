package org.danlu.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * The DDPM training schedule kohya builds for SD 1/2 (kohya-compat.md §5.1): {@code scaled_linear}
 * betas {@code linspace(√0.00085, √0.012, 1000)²} in float32, {@code alphas = 1 − betas},
 * {@code ᾱ = cumprod(alphas)} (torch accumulates the product in double on CPU and stores float32),
 * plus diffusers' {@code add_noise} / {@code get_velocity} and kohya's {@code all_snr}.
 */
public final class NoiseSchedule {

    /** kohya's DDPM constants for SD 1.x / 2.x training. */
    public static final double BETA_START = 0.00085;
    public static final double BETA_END = 0.012;
    public static final int TRAIN_STEPS = 1000;

    private final float[] betas;
    private final float[] alphas;
    private final float[] alphasCumprod;

    public NoiseSchedule(double betaStart, double betaEnd, int steps) {
        this(squares(torchLinspace((float) Math.sqrt(betaStart), (float) Math.sqrt(betaEnd), checkSteps(steps))));
    }

    private NoiseSchedule(float[] betas) {
        this.betas = betas;
        int steps = betas.length;
        alphas = new float[steps];
        alphasCumprod = new float[steps];
        double product = 1.0;
        for (int i = 0; i < steps; i++) {
            alphas[i] = 1.0f - betas[i];
            // torch's CPU cumprod accumulates float32 input in double and stores each prefix as float32.
            product *= alphas[i];
            alphasCumprod[i] = (float) product;
        }
    }

    private static int checkSteps(int steps) {
        if (steps < 2) {
            throw new IllegalArgumentException("noise schedule needs at least 2 steps, got " + steps);
        }
        return steps;
    }

    private static float[] squares(float[] roots) {
        float[] out = new float[roots.length];
        for (int i = 0; i < roots.length; i++) {
            out[i] = roots[i] * roots[i];
        }
        return out;
    }

    /**
     * kohya's {@code --zero_terminal_snr} (arXiv 2305.08891): √ᾱ shifted so the last step is 0 and
     * rescaled so the first is unchanged, then betas rebuilt from the ratios of consecutive ᾱ
     * (float32 as torch). SNR at the last step becomes 0; pair it with {@code v_parameterization}.
     */
    public NoiseSchedule withZeroTerminalSnr() {
        int n = betas.length;
        float[] sqrtBar = new float[n];
        for (int i = 0; i < n; i++) {
            sqrtBar[i] = (float) Math.sqrt(alphasCumprod[i]);
        }
        float first = sqrtBar[0];
        float last = sqrtBar[n - 1];
        float scale = first / (first - last);
        float[] bar = new float[n];
        for (int i = 0; i < n; i++) {
            float shifted = (sqrtBar[i] - last) * scale;
            bar[i] = shifted * shifted;
        }
        float[] newBetas = new float[n];
        newBetas[0] = 1.0f - bar[0];
        for (int i = 1; i < n; i++) {
            newBetas[i] = 1.0f - bar[i] / bar[i - 1];
        }
        return new NoiseSchedule(newBetas);
    }

    /**
     * {@code torch.linspace(start, end, n, dtype=float32)} bit for bit as torch's CPU kernel computes it
     * on AVX2 machines (which produced the diffusers goldens): float step {@code (end − start)/(n − 1)};
     * values come in pairs of 8-lane vectors whose base is {@code fma(step, i, start)} in the first
     * half and {@code fma(−step, n − i − 1, end)} in the second, lane l = base + l·step; a remainder
     * shorter than 16 is computed one by one with the base formula. A plain loop differs by one ulp
     * in about a quarter of the values.
     */
    static float[] torchLinspace(float start, float end, int n) {
        float step = (end - start) / (n - 1);
        int halfway = n / 2;
        float[] out = new float[n];
        int idx = 0;
        for (; idx + 16 <= n; idx += 16) {
            for (int vector = idx; vector < idx + 16; vector += 8) {
                float base = linspaceBase(start, end, step, vector, halfway, n);
                for (int lane = 0; lane < 8; lane++) {
                    out[vector + lane] = base + lane * step;
                }
            }
        }
        for (; idx < n; idx++) {
            out[idx] = linspaceBase(start, end, step, idx, halfway, n);
        }
        return out;
    }

    private static float linspaceBase(float start, float end, float step, int idx, int halfway, int n) {
        return idx < halfway ? Math.fma(step, (float) idx, start) : Math.fma(-step, (float) (n - idx - 1), end);
    }

    /** The schedule kohya trains SD 1/2 with: scaled_linear 0.00085..0.012, 1000 steps. */
    public static NoiseSchedule ddpmScaledLinear() {
        return new NoiseSchedule(BETA_START, BETA_END, TRAIN_STEPS);
    }

    public int steps() {
        return betas.length;
    }

    public float beta(int t) {
        return betas[t];
    }

    public float alpha(int t) {
        return alphas[t];
    }

    public float alphaCumprod(int t) {
        return alphasCumprod[t];
    }

    /** √ᾱ_t in float32, as diffusers computes {@code alphas_cumprod[t] ** 0.5}. */
    public float sqrtAlphaCumprod(int t) {
        return (float) Math.sqrt(alphasCumprod[t]);
    }

    /** √(1 − ᾱ_t) in float32. */
    public float sqrtOneMinusAlphaCumprod(int t) {
        return (float) Math.sqrt(1.0f - alphasCumprod[t]);
    }

    /** kohya's {@code all_snr[t] = (√ᾱ / √(1−ᾱ))²}, in float32. */
    public float snr(int t) {
        float ratio = sqrtAlphaCumprod(t) / sqrtOneMinusAlphaCumprod(t);
        return ratio * ratio;
    }

    /**
     * One timestep per sample, uniform in {@code [minTimestep, maxTimestep)} as kohya's
     * {@code torch.randint}; if the bounds are equal, every sample gets that value.
     */
    public int[] sampleTimesteps(int batch, int minTimestep, int maxTimestep, Random rng) {
        if (minTimestep < 0 || maxTimestep > steps() || minTimestep > maxTimestep) {
            throw new IllegalArgumentException("min_timestep/max_timestep must satisfy 0 <= min <= max <= "
                    + steps() + ", got " + minTimestep + " and " + maxTimestep);
        }
        int[] t = new int[batch];
        for (int i = 0; i < batch; i++) {
            t[i] = minTimestep == maxTimestep
                    ? Math.min(maxTimestep, steps() - 1)
                    : minTimestep + rng.nextInt(maxTimestep - minTimestep);
        }
        return t;
    }

    /** diffusers' {@code add_noise}: {@code √ᾱ_t·x0 + √(1−ᾱ_t)·noise}, one t per batch item. x0, noise: [B, C, H, W]. */
    public NDArray addNoise(NDArray x0, NDArray noise, int[] timesteps) {
        return combine(x0, noise, timesteps, false);
    }

    /** diffusers' {@code get_velocity}, the v-prediction target: {@code √ᾱ_t·noise − √(1−ᾱ_t)·x0}. */
    public NDArray velocity(NDArray x0, NDArray noise, int[] timesteps) {
        return combine(x0, noise, timesteps, true);
    }

    /** The training target: the noise (ε-prediction) or the velocity ({@code v_parameterization}). */
    public NDArray target(NDArray x0, NDArray noise, int[] timesteps, boolean vPrediction) {
        return vPrediction ? velocity(x0, noise, timesteps) : TempScope.run(noise::duplicate);
    }

    private NDArray combine(NDArray x0, NDArray noise, int[] timesteps, boolean velocity) {
        long batch = x0.getShape().get(0);
        if (timesteps.length != batch || !x0.getShape().equals(noise.getShape())) {
            throw new IllegalArgumentException("add_noise: " + timesteps.length + " timesteps for latents "
                    + x0.getShape() + " and noise " + noise.getShape());
        }
        float[] a = new float[timesteps.length];
        float[] s = new float[timesteps.length];
        for (int i = 0; i < timesteps.length; i++) {
            a[i] = sqrtAlphaCumprod(timesteps[i]);
            s[i] = sqrtOneMinusAlphaCumprod(timesteps[i]);
        }
        long[] dims = new long[x0.getShape().dimension()];
        java.util.Arrays.fill(dims, 1);
        dims[0] = batch;
        Shape coefShape = new Shape(dims); // [B, 1, 1, 1]
        return TempScope.run(() -> {
            NDArray sqrtA = x0.getManager().create(a, coefShape).toDevice(x0.getDevice(), false).toType(x0.getDataType(), false);
            NDArray sqrtS = x0.getManager().create(s, coefShape).toDevice(x0.getDevice(), false).toType(x0.getDataType(), false);
            return velocity ? noise.mul(sqrtA).sub(x0.mul(sqrtS)) : x0.mul(sqrtA).add(noise.mul(sqrtS));
        });
    }
}
