package org.danlu.engine.train.sample;

/**
 * Everything that decides one sample image (with the model): what {@link SampleRenderer} renders and what the PNG
 * records.
 *
 * @param negative the negative prompt, "" for none (the unconditional branch of CFG)
 * @param width pixels, a multiple of 8
 * @param height pixels, a multiple of 8
 * @param seedGiven whether the seed came from the prompt ({@code --d}); kohya only then puts it in the file name
 */
public record SampleRequest(String prompt, String negative, int width, int height, long seed, boolean seedGiven,
        int steps, double scale, Sampler sampler) {
    public SampleRequest {
        if (width % 8 != 0 || height % 8 != 0 || width < 8 || height < 8) {
            throw new IllegalArgumentException("sample size " + width + "x" + height + " must be multiples of 8");
        }
        if (steps < 1 || steps > 1000) {
            throw new IllegalArgumentException("sample steps " + steps + " must be within 1..1000");
        }
    }
}
