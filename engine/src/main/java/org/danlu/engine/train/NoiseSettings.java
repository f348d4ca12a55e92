package org.danlu.engine.train;

/**
 * kohya's noise options (kohya-compat.md §5.3).
 *
 * @param noiseOffset               o: adds {@code o·randn(B, C, 1, 1)} to the noise (0 = off)
 * @param noiseOffsetRandomStrength o becomes {@code o·U(0,1)}, one draw per batch
 * @param adaptiveNoiseScale        a: per sample and channel {@code o' = max(0, o + a·|mean_hw(latents)|)};
 *                                  null = off (needs a noise offset)
 * @param multiresIterations        pyramid noise levels (0 = off)
 * @param multiresDiscount          weight factor per level (kohya default 0.3)
 * @param ipNoiseGamma              γ: the model input uses {@code noise + γ'·randn}, the target the plain noise (0 = off)
 * @param ipNoiseGammaRandomStrength γ' = γ·U(0,1), one draw per batch
 * @param minTimestep               lowest timestep drawn (kohya default 0)
 * @param maxTimestep               timesteps are drawn below this (kohya default 1000)
 */
public record NoiseSettings(double noiseOffset, boolean noiseOffsetRandomStrength, Double adaptiveNoiseScale,
                            int multiresIterations, double multiresDiscount, double ipNoiseGamma,
                            boolean ipNoiseGammaRandomStrength, int minTimestep, int maxTimestep) {

    public NoiseSettings {
        if (adaptiveNoiseScale != null && noiseOffset == 0) {
            throw new IllegalArgumentException("adaptive_noise_scale needs noise_offset: set noise_offset (e.g. 0.05) "
                    + "or remove adaptive_noise_scale");
        }
        if (minTimestep < 0 || maxTimestep < minTimestep) {
            throw new IllegalArgumentException("min_timestep (" + minTimestep + ") and max_timestep (" + maxTimestep
                    + ") must satisfy 0 <= min_timestep <= max_timestep <= 1000");
        }
        if (multiresIterations < 0) {
            throw new IllegalArgumentException("multires_noise_iterations must not be negative, got " + multiresIterations);
        }
    }

    /** The noise options alone, with kohya's defaults for input perturbation (off) and timesteps (0..1000). */
    public NoiseSettings(double noiseOffset, boolean noiseOffsetRandomStrength, Double adaptiveNoiseScale,
                         int multiresIterations, double multiresDiscount) {
        this(noiseOffset, noiseOffsetRandomStrength, adaptiveNoiseScale, multiresIterations, multiresDiscount,
                0, false, 0, NoiseSchedule.TRAIN_STEPS);
    }

    /** Plain Gaussian noise, no extras. */
    public static NoiseSettings none() {
        return new NoiseSettings(0, false, null, 0, 0.3);
    }
}
