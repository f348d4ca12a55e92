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
 */
public record NoiseSettings(double noiseOffset, boolean noiseOffsetRandomStrength, Double adaptiveNoiseScale,
                            int multiresIterations, double multiresDiscount) {

    public NoiseSettings {
        if (adaptiveNoiseScale != null && noiseOffset == 0) {
            throw new IllegalArgumentException("adaptive_noise_scale needs noise_offset: set noise_offset (e.g. 0.05) "
                    + "or remove adaptive_noise_scale");
        }
        if (multiresIterations < 0) {
            throw new IllegalArgumentException("multires_noise_iterations must not be negative, got " + multiresIterations);
        }
    }

    /** Plain Gaussian noise, no extras. */
    public static NoiseSettings none() {
        return new NoiseSettings(0, false, null, 0, 0.3);
    }
}
