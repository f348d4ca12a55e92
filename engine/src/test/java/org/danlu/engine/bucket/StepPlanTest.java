package org.danlu.engine.bucket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** kohya-compat.md §3.5 / §6.1 step arithmetic, worked by hand. */
class StepPlanTest {

    @Test
    void epochsOverrideSteps() {
        // 11 batches, accumulation 2: ceil(11/2) = 6 updates per epoch; 10 epochs -> 60 steps.
        StepPlan p = StepPlan.compute(11, 2, 10, 500);
        assertEquals(new StepPlan(11, 2, 6, 60, 10, true, 6), p);
    }

    @Test
    void defaultStepsWhenNothingIsGiven() {
        // kohya default max_train_steps 1600; 6 updates per epoch -> ceil(1600/6) = 267 epochs,
        // the last one runs 1600 - 266·6 = 4 steps.
        assertEquals(new StepPlan(11, 2, 6, 1600, 267, false, 4), StepPlan.compute(11, 2, null, null));
    }

    @Test
    void explicitSteps() {
        // 11 batches, no accumulation: 11 updates/epoch; 100 steps -> ceil(100/11) = 10 epochs, last 100 - 99 = 1.
        assertEquals(new StepPlan(11, 1, 11, 100, 10, false, 1), StepPlan.compute(11, 1, null, 100));
        // The doc's 10 images x 20 repeats, batch 2: 100 batches; 10 epochs = 1000 steps.
        assertEquals(1000, StepPlan.compute(100, 1, 10, null).maxTrainSteps());
    }

    @Test
    void warmupStepsAsKohyaReadsThem() {
        assertEquals(160, StepPlan.warmupSteps(0.1, 1600));      // ratio: int(0.1 x 1600)
        assertEquals(16, StepPlan.warmupSteps(0.05, 333));       // int(16.65) = 16
        assertEquals(100, StepPlan.warmupSteps(100L, 1600));     // an integer is steps
        assertEquals(0, StepPlan.warmupSteps(null, 1600));
        assertThrows(IllegalArgumentException.class, () -> StepPlan.warmupSteps(1.5, 1600));
    }

    @Test
    void runPlanChainsBucketsAndSteps() {
        // 10 images 512x512 x 20 repeats = 200 samples, batch 2 -> 100 batches; accumulation 4 ->
        // ceil(100/4) = 25 steps per epoch; 10 epochs -> 250 steps.
        java.util.List<BucketInput> in = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            in.add(BucketInput.train("i" + i, 512, 512, 20));
        }
        RunPlan p = RunPlan.of(BucketSettings.bucketed(Resolution.square(512)), 2, 4, 10, null, in);
        assertEquals(100, p.buckets().batchesPerEpoch());
        assertEquals(new StepPlan(100, 4, 25, 250, 10, true, 25), p.steps());
    }

    @Test
    void rejectsNonsense() {
        assertEquals("no batches to train: the dataset has no usable images",
                assertThrows(IllegalArgumentException.class, () -> StepPlan.compute(0, 1, 1, null)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> StepPlan.compute(5, 0, 1, null));
        assertThrows(IllegalArgumentException.class, () -> StepPlan.compute(5, 1, null, -3));
    }
}
