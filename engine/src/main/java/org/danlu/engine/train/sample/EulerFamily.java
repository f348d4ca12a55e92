package org.danlu.engine.train.sample;

import ai.djl.ndarray.NDArray;

/**
 * What diffusers' Euler and Euler-ancestral schedulers share: leading timesteps, σ per step (then 0), the initial
 * noise scale, the UNet input x/√(σ²+1), and x₀ from the model's prediction. They differ only in the step.
 */
public abstract sealed class EulerFamily extends InferenceScheduler permits EulerScheduler, EulerAncestralScheduler {
    private final int[] timesteps;
    protected final float[] sigmas;

    EulerFamily(SchedulerConfig config, int steps) {
        super(config, steps);
        timesteps = config.leadingTimesteps(steps);
        sigmas = EulerSigmas.sigmas(config, timesteps);
    }

    /** σ for each step, then 0 (length steps + 1). */
    public float[] sigmas() {
        return sigmas.clone();
    }

    @Override
    public float timestep(int i) {
        return timesteps[i];
    }

    @Override
    public float initNoiseSigma() {
        return EulerSigmas.initNoiseSigma(sigmas);
    }

    @Override
    public NDArray scaleModelInput(NDArray sample, int i) {
        return sample.div((float) Math.sqrt(sigmas[i] * sigmas[i] + 1f));
    }

    /** x₀ from the prediction, as diffusers' Euler schedulers compute it. */
    static NDArray predictOriginal(NDArray modelOutput, NDArray sample, float sigma, boolean vPrediction) {
        if (vPrediction) {
            float s2p1 = sigma * sigma + 1f;
            try (NDArray a = modelOutput.mul(-sigma / (float) Math.sqrt(s2p1)); NDArray b = sample.div(s2p1)) {
                return a.add(b);
            }
        }
        try (NDArray se = modelOutput.mul(sigma)) {
            return sample.sub(se);
        }
    }
}
