package org.danlu.engine.train.sample;

import ai.djl.ndarray.NDArray;

/**
 * diffusers 0.27 {@code EulerDiscreteScheduler} with its defaults (no churn: γ = 0, so σ̂ = σ and no noise is added):
 * x₀ = x − σ·ε (v: x₀ = v·(−σ/√(σ²+1)) + x/(σ²+1)); d = (x − x₀)/σ; x' = x + d·(σ_next − σ). The UNet sees
 * x/√(σ²+1) at timestep t (a float).
 */
public final class EulerScheduler extends InferenceScheduler {
    private final int[] timesteps;
    private final float[] sigmas;

    EulerScheduler(SchedulerConfig config, int steps) {
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
        return scale(sample, sigmas[i]);
    }

    static NDArray scale(NDArray sample, float sigma) {
        return sample.div((float) Math.sqrt(sigma * sigma + 1f));
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

    @Override
    public NDArray step(NDArray modelOutput, int i, NDArray sample, SampleNoise noise) {
        float sigma = sigmas[i];
        float dt = sigmas[i + 1] - sigma;
        try (NDArray x0 = predictOriginal(modelOutput, sample, sigma, config.vPrediction());
                NDArray diff = sample.sub(x0);
                NDArray derivative = diff.div(sigma);
                NDArray delta = derivative.mul(dt)) {
            return sample.add(delta);
        }
    }
}
