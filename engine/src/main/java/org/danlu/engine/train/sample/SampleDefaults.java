package org.danlu.engine.train.sample;

/**
 * What a prompt gets for each option it does not set. {@link #kohya} is kohya's (512×512 there; a run passes its
 * training resolution), 30 steps, CFG 7.5, with the run's {@code sample_sampler}.
 */
public record SampleDefaults(int width, int height, int steps, double scale, Sampler sampler) {
    public static SampleDefaults kohya(int width, int height, Sampler sampler) {
        return new SampleDefaults(width, height, SamplePrompt.DEFAULT_STEPS, SamplePrompt.DEFAULT_SCALE, sampler);
    }
}
