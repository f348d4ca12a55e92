package org.danlu.engine.train;

import java.io.IOException;
import org.danlu.engine.config.TrainConfig;
import org.danlu.engine.lora.LoraNetwork;
import org.danlu.engine.run.EventWriter;
import org.danlu.engine.run.RunDir;

/**
 * Sample images during training. The trainer calls {@link #sample} between optimizer steps when
 * {@code sample_every_n_steps} / {@code sample_every_n_epochs} say so, at the start with {@code sample_at_first}, and
 * when the UI drops a {@code sample} command; the LoRA is attached and in eval mode (no dropout) for the call, and
 * training randomness does not depend on it (every batch draws from its own {@link StepRandom}). The hook writes
 * PNGs under {@code run.samplesDir()} and one {@code sample} event per image.
 */
public interface SampleHook {

    /** Renders the prompts at global optimizer step {@code step} (0 before the first) in 1-based {@code epoch}. */
    void sample(int step, int epoch) throws IOException;

    /** What a hook gets to work with. */
    record Context(TrainingModels models, LoraNetwork network, TrainConfig config, RunDir run, EventWriter events) {
    }

    /** Makes the hook for a run; {@link #NONE} when the run has no sampler. */
    interface Factory {
        SampleHook create(Context context) throws IOException;
    }

    /** No sampler: the trainer logs that samples were asked for but not made. */
    Factory NONE = ctx -> null;
}
