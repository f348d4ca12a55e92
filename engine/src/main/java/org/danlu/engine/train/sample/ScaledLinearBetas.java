package org.danlu.engine.train.sample;

/**
 * diffusers' {@code scaled_linear} betas {@code torch.linspace(√start, √end, n, dtype=float32) ** 2} and
 * {@code alphas_cumprod = torch.cumprod(1 − betas)}, reproduced bit for bit (checked against the tiny-sd
 * {@code ddpm_scheduler} golden). The training side's {@code train.NoiseSchedule} computes the same numbers the same
 * way; this copy keeps the sampler independent of the training loop.
 */
final class ScaledLinearBetas {
    private ScaledLinearBetas() {}

    static float[] betas(double start, double end, int n) {
        float[] roots = torchLinspace((float) Math.sqrt(start), (float) Math.sqrt(end), n);
        float[] betas = new float[n];
        for (int i = 0; i < n; i++) {
            betas[i] = roots[i] * roots[i];
        }
        return betas;
    }

    /** torch's CPU cumprod accumulates float32 input in double and stores each prefix as float32. */
    static float[] alphasCumprod(float[] betas) {
        float[] out = new float[betas.length];
        double product = 1.0;
        for (int i = 0; i < betas.length; i++) {
            product *= 1.0f - betas[i];
            out[i] = (float) product;
        }
        return out;
    }

    /**
     * torch's CPU {@code linspace} kernel (AVX2): float step (end − start)/(n − 1); 8-lane vectors, two per 16 values,
     * whose base is fma(step, i, start) before halfway and fma(−step, n − i − 1, end) after, lane l = base + l·step;
     * the remainder shorter than 16 one value at a time with the base formula. A plain loop differs in the last bit
     * for about a quarter of the values.
     */
    static float[] torchLinspace(float start, float end, int n) {
        float step = (end - start) / (n - 1);
        int halfway = n / 2;
        float[] out = new float[n];
        int idx = 0;
        for (; idx + 16 <= n; idx += 16) {
            for (int vector = idx; vector < idx + 16; vector += 8) {
                float base = base(start, end, step, vector, halfway, n);
                for (int lane = 0; lane < 8; lane++) {
                    out[vector + lane] = base + lane * step;
                }
            }
        }
        for (; idx < n; idx++) {
            out[idx] = base(start, end, step, idx, halfway, n);
        }
        return out;
    }

    private static float base(float start, float end, float step, int idx, int halfway, int n) {
        return idx < halfway ? Math.fma(step, (float) idx, start) : Math.fma(-step, (float) (n - idx - 1), end);
    }
}
