package org.danlu.engine.train.sample;

/**
 * How a run renders its samples, beside the per-prompt request.
 *
 * @param clipSkip as in training (1 = last layer, kohya's {@code clip_skip})
 * @param modelName what the PNG records as {@code Model} (the checkpoint's file or folder name)
 * @param lora what the PNG records as {@code Lora}, e.g. {@code "mychar:1.0"}; null when none
 */
public record RenderSettings(int clipSkip, SchedulerConfig scheduler, String modelName, String lora) {
    public RenderSettings {
        if (clipSkip < 1) {
            throw new IllegalArgumentException("clip_skip must be at least 1, got " + clipSkip);
        }
    }
}
