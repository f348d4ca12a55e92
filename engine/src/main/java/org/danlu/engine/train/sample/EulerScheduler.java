package org.danlu.engine.train.sample;

import ai.djl.ndarray.NDArray;

/**
 * diffusers 0.27 {@code EulerDiscreteScheduler} with its defaults (no churn: γ = 0, so σ̂ = σ and no noise is added):
 * x₀ = x − σ·ε (v: x₀ = v·(−σ/√(σ²+1)) + x/(σ²+1)); d = (x − x₀)/σ; x' = x + d·(σ_next − σ). The UNet sees
 * x/√(σ²+1) at timestep t (a float).
 */
public final class EulerScheduler extends EulerFamily {
    EulerScheduler(SchedulerConfig config, int steps) {
        super(config, steps);
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
