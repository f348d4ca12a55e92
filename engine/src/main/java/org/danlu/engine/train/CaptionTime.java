package org.danlu.engine.train;

/**
 * Where in training a caption is being built: the 1-based epoch and the global optimizer step of
 * the batch, and the run's {@code max_train_steps} (token warm-up given as a fraction needs it).
 */
public record CaptionTime(int epoch, long globalStep, long maxTrainSteps) {

    public CaptionTime {
        if (epoch < 1) {
            throw new IllegalArgumentException("caption epoch is 1-based, got " + epoch);
        }
    }

    /** A moment for previews (TUI shuffle preview): epoch 1, warm-up over. */
    public static CaptionTime preview() {
        return new CaptionTime(1, Long.MAX_VALUE / 2, Long.MAX_VALUE / 2);
    }
}
