package org.danlu.engine.train.sample;

/**
 * When kohya samples ({@code sample_images_common}): {@code sample_at_first} before the first step;
 * {@code sample_every_n_epochs} at the end of every epoch e with e % n == 0, and then {@code sample_every_n_steps} is
 * ignored; otherwise {@code sample_every_n_steps} after optimizer steps that are multiples of n (not at epoch ends).
 *
 * @param everyNSteps null or ≥ 1
 * @param everyNEpochs null or ≥ 1
 */
public record SampleSchedule(Integer everyNSteps, Integer everyNEpochs, boolean atFirst) {
    public SampleSchedule {
        if ((everyNSteps != null && everyNSteps < 1) || (everyNEpochs != null && everyNEpochs < 1)) {
            throw new IllegalArgumentException("sample_every_n_steps / sample_every_n_epochs must be at least 1");
        }
    }

    /** Sample after optimizer step {@code step} (from 1)? */
    public boolean atStep(int step) {
        return everyNEpochs == null && everyNSteps != null && step % everyNSteps == 0;
    }

    /** Sample at the end of epoch {@code epoch} (from 1)? */
    public boolean atEpochEnd(int epoch) {
        return everyNEpochs != null && epoch % everyNEpochs == 0;
    }
}
