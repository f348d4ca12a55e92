package org.danlu.engine.train;

import ai.djl.ndarray.NDArray;
import java.util.Random;

/**
 * One batch made ready for the U-Net, as kohya's {@code get_noise_noisy_latents_and_timesteps}
 * does it (kohya-compat.md §5.2–5.4), drawing in its order: noise (+ offset, + pyramid), then one
 * timestep per sample, then the input perturbation; {@code noisy = √ᾱ_t·x0 + √(1−ᾱ_t)·noise'} where
 * noise' includes the perturbation and the target (ε or v) does not.
 *
 * @param noise     the noise the loss targets (ε-prediction), [B, C, H, W]
 * @param timesteps one per sample
 * @param noisy     the U-Net input
 * @param target    the loss target: the noise, or the velocity with v-parameterization
 */
public record NoisedBatch(NDArray noise, int[] timesteps, NDArray noisy, NDArray target) {

    /** Prepares latents [B, C, H, W] (already × the VAE scale factor). */
    public static NoisedBatch of(NDArray latents, NoiseSchedule schedule, NoiseSettings s, boolean vPrediction,
                                 Random rng) {
        NDArray noise = TrainingNoise.sample(latents, s, rng);
        int[] t = schedule.sampleTimesteps((int) latents.getShape().get(0), s.minTimestep(), s.maxTimestep(), rng);
        NDArray noisy;
        if (s.ipNoiseGamma() != 0) {
            double gamma = s.ipNoiseGammaRandomStrength() ? rng.nextDouble() * s.ipNoiseGamma() : s.ipNoiseGamma();
            noisy = TempScope.run(() -> {
                NDArray extra = TrainingNoise.gaussian(latents.getManager(), latents.getShape(), rng)
                        .toDevice(latents.getDevice(), false);
                return schedule.addNoise(latents, noise.add(extra.mul((float) gamma)), t);
            });
        } else {
            noisy = schedule.addNoise(latents, noise, t);
        }
        return new NoisedBatch(noise, t, noisy, schedule.target(latents, noise, t, vPrediction));
    }
}
