package org.danlu.engine.train.sample;

/**
 * One entry of a sample prompt file as written: every option is null when the entry does not set it, so defaults
 * (which depend on the run: its resolution, its {@code sample_sampler}) are applied later by {@link #resolve}.
 *
 * @param index position in the file from 0 (kohya's {@code enum}, used in file names)
 * @param source where it was read, {@code file:line} (or {@code file: entry N}), for messages
 * @param seed {@code --d}; null draws a random seed per image (kohya's behaviour), recorded in the PNG
 * @param steps {@code --s}, already clamped to 1..1000 as kohya does
 * @param scale {@code --l}, the CFG scale
 */
public record SamplePrompt(int index, String source, String prompt, String negative, Integer width, Integer height,
        Long seed, Integer steps, Double scale, Sampler sampler) {

    /** kohya's defaults ({@code sample_image_inference}): 30 steps, CFG 7.5. */
    public static final int DEFAULT_STEPS = 30;
    public static final double DEFAULT_SCALE = 7.5;

    /** A prompt with no options (the command line's {@code --prompt} starts here). */
    public static SamplePrompt of(int index, String prompt) {
        return new SamplePrompt(index, "prompt", prompt, null, null, null, null, null, null, null);
    }

    /** {@link #resolve(SampleDefaults, long)} with kohya's defaults at the given size and sampler. */
    public SampleRequest resolve(int defaultWidth, int defaultHeight, Sampler defaultSampler, long randomSeed) {
        return resolve(SampleDefaults.kohya(defaultWidth, defaultHeight, defaultSampler), randomSeed);
    }

    /**
     * The request to render: options given here win, then {@code defaults}; {@code randomSeed} when no {@code --d}
     * was given. Width and height are floored to multiples of 8, at least 64, exactly as kohya does.
     */
    public SampleRequest resolve(SampleDefaults defaults, long randomSeed) {
        int w = width != null ? width : defaults.width();
        int h = height != null ? height : defaults.height();
        return new SampleRequest(prompt, negative == null ? "" : negative, roundSize(w), roundSize(h),
                seed != null ? seed : randomSeed, seed != null, steps != null ? steps : defaults.steps(),
                scale != null ? scale : defaults.scale(), sampler != null ? sampler : defaults.sampler());
    }

    /** kohya: {@code max(64, v - v % 8)}. */
    static int roundSize(int v) {
        return Math.max(64, v - v % 8);
    }
}
