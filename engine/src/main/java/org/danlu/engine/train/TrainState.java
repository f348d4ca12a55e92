package org.danlu.engine.train;

import java.util.List;
import java.util.Map;

/**
 * Where a run stands after an optimizer step, everything a resume needs besides the LoRA weights and the
 * optimizer's tensors: the global step, the 1-based epoch and the next batch in it (the data order is a function
 * of {@code seed} and the epoch, see {@link EpochOrder}, so seed, epoch and position are the data order), the
 * batches per epoch it was planned with (checked on resume), the optimizer's numbers, the epoch's loss history for
 * the moving average, and the run's identity for the metadata.
 */
public record TrainState(long globalStep, int epoch, int nextBatch, long seed, int batchesPerEpoch,
                         String optimizer, Map<String, Double> optimizerScalars, List<Double> epochLosses,
                         long sessionId, double trainingStartedAt) {

    public TrainState {
        optimizerScalars = Map.copyOf(optimizerScalars);
        epochLosses = List.copyOf(epochLosses);
    }
}
