package org.danlu.engine.bucket;

import java.util.List;

/**
 * The step arithmetic of a training run as sd-scripts' {@code train_network.py} does it on one GPU.
 *
 * @param batchesPerEpoch        Σ batches over all datasets (len(train_dataloader))
 * @param gradientAccumulationSteps batches per optimizer step
 * @param updateStepsPerEpoch    ceil(batchesPerEpoch / gradient_accumulation_steps); accelerate also
 *                               steps on an epoch's last batch, so a partial group counts
 * @param maxTrainSteps          total optimizer steps
 * @param numEpochs              ceil(maxTrainSteps / updateStepsPerEpoch)
 * @param stepsFromEpochs        true when {@code max_train_epochs} set the total
 * @param lastEpochSteps         optimizer steps run in the last epoch (training stops at the total)
 */
public record StepPlan(int batchesPerEpoch, int gradientAccumulationSteps, int updateStepsPerEpoch,
                       long maxTrainSteps, long numEpochs, boolean stepsFromEpochs, long lastEpochSteps) {

    /** sd-scripts' default {@code max_train_steps}. */
    public static final int DEFAULT_MAX_TRAIN_STEPS = 1600;

    /**
     * Computes the plan.
     *
     * @param maxTrainEpochs {@code max_train_epochs} or null; when set it overrides the steps:
     *                       {@code E × ceil(batches / grad_accum)}
     * @param maxTrainSteps  {@code max_train_steps} or null for kohya's default 1600
     */
    public static StepPlan compute(int batchesPerEpoch, int gradientAccumulationSteps, Integer maxTrainEpochs,
                                   Integer maxTrainSteps) {
        if (batchesPerEpoch < 1) {
            throw new IllegalArgumentException("no batches to train: the dataset has no usable images");
        }
        if (gradientAccumulationSteps < 1) {
            throw new IllegalArgumentException("gradient_accumulation_steps must be at least 1, got " + gradientAccumulationSteps);
        }
        if (maxTrainEpochs != null && maxTrainEpochs < 1) {
            throw new IllegalArgumentException("max_train_epochs must be at least 1, got " + maxTrainEpochs);
        }
        if (maxTrainSteps != null && maxTrainSteps < 1) {
            throw new IllegalArgumentException("max_train_steps must be at least 1, got " + maxTrainSteps);
        }
        int updates = ceilDiv(batchesPerEpoch, gradientAccumulationSteps);
        long total = maxTrainEpochs != null ? (long) maxTrainEpochs * updates
                : maxTrainSteps != null ? maxTrainSteps : DEFAULT_MAX_TRAIN_STEPS;
        long epochs = (total + updates - 1) / updates;
        long last = total - (epochs - 1) * updates;
        return new StepPlan(batchesPerEpoch, gradientAccumulationSteps, updates, total, epochs,
                maxTrainEpochs != null, last);
    }

    /** Steps for several datasets trained together (sd-scripts concatenates their batches). */
    public static StepPlan compute(List<BucketPlan> datasets, int gradientAccumulationSteps, Integer maxTrainEpochs,
                                   Integer maxTrainSteps) {
        int batches = 0;
        for (BucketPlan p : datasets) {
            batches += p.batchesPerEpoch();
        }
        return compute(batches, gradientAccumulationSteps, maxTrainEpochs, maxTrainSteps);
    }

    /**
     * kohya's warm-up steps (§6.1): an integer value is steps; a fraction below 1 is a ratio of the
     * total, truncated ({@code int(ratio × N)}).
     */
    public static long warmupSteps(Number lrWarmupSteps, long maxTrainSteps) {
        if (lrWarmupSteps == null) {
            return 0;
        }
        if (lrWarmupSteps instanceof Double || lrWarmupSteps instanceof Float) {
            double v = lrWarmupSteps.doubleValue();
            if (v < 1) {
                return (long) (v * maxTrainSteps);
            }
            if (v != Math.floor(v)) {
                throw new IllegalArgumentException("lr_warmup_steps " + v + " must be an integer (steps) or a ratio below 1");
            }
        }
        return lrWarmupSteps.longValue();
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
