package org.danlu.engine.train.sample;

import ai.djl.ndarray.NDArray;

/**
 * diffusers 0.27 {@code EulerAncestralDiscreteScheduler}: with σ → σ_next,
 * σ_up = √(σ_next²·(σ² − σ_next²)/σ²), σ_down = √(σ_next² − σ_up²); x₀ as Euler; d = (x − x₀)/σ;
 * x' = x + d·(σ_down − σ) + z·σ_up with fresh standard normal z from the seeded generator. Same timesteps, σ and input
 * scaling as {@link EulerScheduler}.
 */
public final class EulerAncestralScheduler extends EulerFamily {
    EulerAncestralScheduler(SchedulerConfig config, int steps) {
        super(config, steps);
    }

    /** σ_up for step i, in float32 as torch computes it. */
    public float sigmaUp(int i) {
        float from = sigmas[i];
        float to = sigmas[i + 1];
        return (float) Math.sqrt(to * to * (from * from - to * to) / (from * from));
    }

    /** σ_down for step i. */
    public float sigmaDown(int i) {
        float to = sigmas[i + 1];
        float up = sigmaUp(i);
        return (float) Math.sqrt(to * to - up * up);
    }

    @Override
    public NDArray step(NDArray modelOutput, int i, NDArray sample, SampleNoise noise) {
        float sigma = sigmas[i];
        float up = sigmaUp(i);
        float dt = sigmaDown(i) - sigma;
        try (NDArray x0 = predictOriginal(modelOutput, sample, sigma, config.vPrediction());
                NDArray diff = sample.sub(x0);
                NDArray derivative = diff.div(sigma);
                NDArray delta = derivative.mul(dt);
                NDArray moved = sample.add(delta);
                NDArray z = noise.next(sample.getManager(), sample.getShape());
                NDArray zs = z.mul(up)) {
            return moved.add(zs);
        }
    }
}
