package org.danlu.engine.train.sample;

import ai.djl.ndarray.NDArray;

/**
 * diffusers 0.27 {@code DDIMScheduler} with η = 0 (deterministic): for timestep t and prev = t − trainSteps // steps,
 * ᾱ_prev = ᾱ[prev], or ᾱ[0] past the start ({@code set_alpha_to_one false}; 1 when true);
 * x₀ = (x − √(1−ᾱₜ)·ε)/√ᾱₜ (v: x₀ = √ᾱₜ·x − √(1−ᾱₜ)·v, ε = √ᾱₜ·v + √(1−ᾱₜ)·x), clamped to [−1, 1] when
 * {@code clip_sample}; x' = √ᾱ_prev·x₀ + √(1−ᾱ_prev)·ε. No input scaling, initial σ 1, integer timesteps.
 */
public final class DdimScheduler extends InferenceScheduler {
    private final int[] timesteps;
    private final float[] alphasCumprod;

    DdimScheduler(SchedulerConfig config, int steps) {
        super(config, steps);
        timesteps = config.leadingTimesteps(steps);
        alphasCumprod = config.alphasCumprod();
    }

    public int[] timesteps() {
        return timesteps.clone();
    }

    @Override
    public float timestep(int i) {
        return timesteps[i];
    }

    @Override
    public float initNoiseSigma() {
        return 1f;
    }

    @Override
    public NDArray scaleModelInput(NDArray sample, int i) {
        return sample;
    }

    /** ᾱ at timestep t (clamped into the table: steps_offset can point one past it at 1000 steps). */
    float alphaAt(int t) {
        return alphasCumprod[Math.min(t, alphasCumprod.length - 1)];
    }

    /** ᾱ_prev for step i. */
    public float alphaPrev(int i) {
        int prev = timesteps[i] - config.trainSteps() / steps;
        if (prev >= 0) {
            return alphaAt(prev);
        }
        return config.setAlphaToOne() ? 1f : alphasCumprod[0];
    }

    @Override
    public NDArray step(NDArray modelOutput, int i, NDArray sample, SampleNoise noise) {
        float a = alphaAt(timesteps[i]);
        float aPrev = alphaPrev(i);
        float b = 1f - a;
        float sqrtA = (float) Math.sqrt(a);
        float sqrtB = (float) Math.sqrt(b);
        NDArray x0;
        NDArray eps;
        if (config.vPrediction()) {
            try (NDArray ax = sample.mul(sqrtA); NDArray bv = modelOutput.mul(sqrtB)) {
                x0 = ax.sub(bv);
            }
            try (NDArray av = modelOutput.mul(sqrtA); NDArray bx = sample.mul(sqrtB)) {
                eps = av.add(bx);
            }
        } else {
            try (NDArray be = modelOutput.mul(sqrtB); NDArray diff = sample.sub(be)) {
                x0 = diff.div(sqrtA);
            }
            eps = modelOutput.duplicate();
        }
        try (NDArray e = eps; NDArray unclipped = x0) {
            NDArray clipped = config.clipSample() ? unclipped.clip(-1f, 1f) : unclipped.duplicate();
            try (NDArray c = clipped;
                    NDArray first = c.mul((float) Math.sqrt(aPrev));
                    NDArray direction = e.mul((float) Math.sqrt(1f - aPrev))) {
                return first.add(direction);
            }
        }
    }
}
