package org.danlu.engine.train.sample;

import org.danlu.engine.train.NoiseSchedule;

/**
 * The diffusers scheduler settings the inference schedulers read. {@link #sd()} is Stable Diffusion's
 * {@code scheduler/scheduler_config.json} (SD 1.x and 2.x base): scaled_linear 0.00085..0.012 over 1000 steps,
 * {@code steps_offset 1}, {@code timestep_spacing "leading"}, {@code set_alpha_to_one false}; DDIM's
 * {@code clip_sample} is absent there, so diffusers' default (true) applies, which is also what kohya forces.
 *
 * @param vPrediction the model predicts v (SD 2.x 768-v, kohya's {@code v_parameterization}) instead of ε
 */
public record SchedulerConfig(int trainSteps, double betaStart, double betaEnd, int stepsOffset,
        boolean setAlphaToOne, boolean clipSample, boolean vPrediction) {

    public static SchedulerConfig sd() {
        return new SchedulerConfig(1000, 0.00085, 0.012, 1, false, true, false);
    }

    public SchedulerConfig withVPrediction(boolean v) {
        return new SchedulerConfig(trainSteps, betaStart, betaEnd, stepsOffset, setAlphaToOne, clipSample, v);
    }

    /**
     * diffusers' {@code timestep_spacing="leading"}: ratio = trainSteps // steps, timesteps
     * {@code (arange(steps) · ratio)[::-1] + steps_offset}, e.g. 30 steps → 958, 925, …, 34, 1.
     */
    public int[] leadingTimesteps(int steps) {
        int ratio = trainSteps / steps;
        int[] t = new int[steps];
        for (int i = 0; i < steps; i++) {
            t[i] = (steps - 1 - i) * ratio + stepsOffset;
        }
        return t;
    }

    /** ᾱ over the train steps, float32 bit for bit as torch builds it: the training schedule's own numbers. */
    public float[] alphasCumprod() {
        NoiseSchedule schedule = new NoiseSchedule(betaStart, betaEnd, trainSteps);
        float[] ac = new float[trainSteps];
        for (int t = 0; t < trainSteps; t++) {
            ac[t] = schedule.alphaCumprod(t);
        }
        return ac;
    }
}
