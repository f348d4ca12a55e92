package org.danlu.engine.train.sample;

/**
 * The σ schedule diffusers' Euler schedulers (0.27) derive for {@code set_timesteps}: σ(t) = √((1 − ᾱₜ)/ᾱₜ) in
 * float32 (torch ops on the float32 ᾱ), taken at the leading-spaced timesteps ({@code np.interp} at integer points,
 * beyond the table it holds the last value), then a final 0. Linear interpolation type, no Karras spacing.
 */
final class EulerSigmas {
    private EulerSigmas() {}

    static float[] sigmas(SchedulerConfig config, int[] timesteps) {
        float[] ac = config.alphasCumprod();
        float[] sigmas = new float[timesteps.length + 1];
        for (int i = 0; i < timesteps.length; i++) {
            float a = ac[Math.min(timesteps[i], ac.length - 1)];
            sigmas[i] = (float) Math.sqrt((1f - a) / a);
        }
        sigmas[timesteps.length] = 0f;
        return sigmas;
    }

    /**
     * {@code init_noise_sigma} for "leading" spacing: (σ_max² + 1) ** 0.5 in float32; σ_max is the first σ since the
     * timesteps decrease.
     */
    static float initNoiseSigma(float[] sigmas) {
        float max = 0f;
        for (float s : sigmas) {
            max = Math.max(max, s);
        }
        return (float) Math.sqrt(max * max + 1f);
    }
}
