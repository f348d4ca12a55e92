package org.danlu.engine.train;

/**
 * The per-sample loss weights of kohya's {@code train_network.py}, applied in its order
 * (kohya-compat.md §5.6): the sample's loss weight ({@code prior_loss_weight} for regularization
 * images), then {@code min_snr_gamma}, {@code scale_v_pred_loss_like_noise_pred},
 * {@code v_pred_like_loss}, {@code debiased_estimation_loss}. All are multiplicative per sample,
 * so they fold into one weight per sample.
 *
 * @param minSnrGamma                  γ; weight {@code min(SNR, γ)/SNR} (ε) or {@code min(SNR, γ)/(SNR + 1)} (v); 0 = off
 * @param vPrediction                  {@code v_parameterization}
 * @param scaleVPredLossLikeNoisePred  v only: × {@code S/(S+1)}, {@code S = min(SNR, 1000)}
 * @param vPredLikeLoss                ε only: {@code loss + k·loss/(S/(S+1))}; 0 = off
 * @param debiasedEstimation           × {@code 1/√S} (ε) or × {@code 1/(S+1)} (v)
 */
public record LossWeighting(double minSnrGamma, boolean vPrediction, boolean scaleVPredLossLikeNoisePred,
                            double vPredLikeLoss, boolean debiasedEstimation) {

    public LossWeighting {
        if (minSnrGamma < 0) {
            throw new IllegalArgumentException("min_snr_gamma must not be negative, got " + minSnrGamma
                    + " (kohya's suggestion is 5)");
        }
    }

    /** No SNR-based weighting; only the samples' own loss weights. */
    public static LossWeighting plain(boolean vPrediction) {
        return new LossWeighting(0, vPrediction, false, 0, false);
    }

    /**
     * One weight per sample.
     *
     * @param timesteps         the sample's timesteps
     * @param sampleLossWeights 1 for training images, {@code prior_loss_weight} for regularization images
     */
    public float[] weights(int[] timesteps, float[] sampleLossWeights, NoiseSchedule schedule) {
        if (timesteps.length != sampleLossWeights.length) {
            throw new IllegalArgumentException(timesteps.length + " timesteps but " + sampleLossWeights.length + " loss weights");
        }
        float[] w = new float[timesteps.length];
        for (int i = 0; i < w.length; i++) {
            float snr = schedule.snr(timesteps[i]);
            // kohya caps the SNR at 1000 for these scales: at t = 0 it is ~1175 and near-infinite in zero-terminal schedules.
            float capped = Math.min(snr, 1000f);
            float scale = capped / (capped + 1);
            float weight = sampleLossWeights[i];
            if (minSnrGamma > 0) {
                float minSnr = Math.min(snr, (float) minSnrGamma);
                weight *= vPrediction ? minSnr / (snr + 1) : minSnr / snr;
            }
            if (scaleVPredLossLikeNoisePred) {
                weight *= scale;
            }
            if (vPredLikeLoss != 0) {
                weight = weight + weight / scale * (float) vPredLikeLoss;
            }
            if (debiasedEstimation) {
                weight *= vPrediction ? 1 / (capped + 1) : (float) (1 / Math.sqrt(capped));
            }
            w[i] = weight;
        }
        return w;
    }
}
