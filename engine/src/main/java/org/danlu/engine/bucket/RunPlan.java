package org.danlu.engine.bucket;

import java.util.List;

/**
 * What a training run over one dataset will do before it starts: the bucket plan and the step
 * arithmetic on top of it. The Buckets screen, {@code danlu buckets} and the trainer all build it
 * the same way, so the plan shown is the plan trained.
 */
public record RunPlan(BucketPlan buckets, StepPlan steps) {

    /**
     * Plans a run.
     *
     * @param maxTrainEpochs {@code max_train_epochs} or null
     * @param maxTrainSteps  {@code max_train_steps} or null (kohya's default 1600)
     * @throws IllegalArgumentException for unusable settings or a dataset without usable images
     */
    public static RunPlan of(BucketSettings settings, int batchSize, int gradientAccumulationSteps,
                             Integer maxTrainEpochs, Integer maxTrainSteps, List<BucketInput> inputs) {
        BucketPlan plan = BucketPlanner.plan(settings, batchSize, inputs);
        StepPlan steps = StepPlan.compute(plan.batchesPerEpoch(), gradientAccumulationSteps, maxTrainEpochs, maxTrainSteps);
        return new RunPlan(plan, steps);
    }
}
