package org.danlu.engine.train;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.danlu.engine.bucket.StepPlan;
import org.danlu.engine.config.TrainConfig;
import org.danlu.engine.lora.LoraNetwork;
import org.danlu.engine.model.nn.AttentionMode;

/**
 * Everything {@link TrainingSetup} built for one run, owned together and closed together: the native memory of
 * models, LoRA and optimizer lives in {@code manager}.
 *
 * @param resume the state the run continues from, or null for a fresh run
 */
record TrainingJob(TrainConfig config, NDManager manager, Precision precision, TrainingModels models,
                   AttentionMode.Choice attention, LoraNetwork network, TrainingData data, StepPlan steps,
                   Optimizer optimizer, List<TrainingSetup.Group> groups, LrSchedule schedule, StepRunner runner,
                   LatentCache cache, CheckpointSaver saver, KohyaMetadata metadata, long seed, TrainState resume,
                   long sessionId, double startedAt) implements AutoCloseable {

    @Override
    public void close() {
        try {
            attention.close();
        } catch (Exception ignored) {
            // the fused-attention module holds only native memory freed with the manager below
        }
        optimizer.close();
        models.close();
        manager.close();
    }
}
