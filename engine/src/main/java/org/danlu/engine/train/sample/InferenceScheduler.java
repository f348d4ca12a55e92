package org.danlu.engine.train.sample;

import ai.djl.ndarray.NDArray;

/**
 * A diffusers inference scheduler for a fixed number of steps: the timesteps to feed the UNet, the input scaling,
 * and the update from one latent to the next. Arrays are float32; results belong to the input sample's manager.
 * Usage: {@code x = noise · initNoiseSigma(); for i: eps = unet(scaleModelInput(x, i), timestep(i)); x = step(eps,
 * i, x, noise)}.
 */
public abstract sealed class InferenceScheduler permits EulerFamily, DdimScheduler {
    protected final SchedulerConfig config;
    protected final int steps;

    protected InferenceScheduler(SchedulerConfig config, int steps) {
        if (steps < 1 || steps > config.trainSteps()) {
            throw new IllegalArgumentException("steps " + steps + " must be within 1.." + config.trainSteps());
        }
        this.config = config;
        this.steps = steps;
    }

    public static InferenceScheduler create(Sampler sampler, SchedulerConfig config, int steps) {
        return switch (sampler) {
            case EULER -> new EulerScheduler(config, steps);
            case EULER_A -> new EulerAncestralScheduler(config, steps);
            case DDIM -> new DdimScheduler(config, steps);
        };
    }

    public int steps() {
        return steps;
    }

    /** The timestep passed to the UNet at step {@code i} (0-based), as diffusers passes it. */
    public abstract float timestep(int i);

    /** The factor the initial standard normal latent is multiplied by ({@code init_noise_sigma}). */
    public abstract float initNoiseSigma();

    /** The UNet input at step {@code i} ({@code scale_model_input}); may return {@code sample} itself. */
    public abstract NDArray scaleModelInput(NDArray sample, int i);

    /**
     * The latent after step {@code i} from the model's prediction (ε or v as configured, already guided).
     *
     * @param noise the seeded generator, drawn from only by ancestral samplers
     */
    public abstract NDArray step(NDArray modelOutput, int i, NDArray sample, SampleNoise noise);
}
