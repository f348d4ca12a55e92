package org.danlu.engine.bucket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BucketPlannerTest {

    private static PlanWarning warning(BucketPlan plan, PlanWarning.Kind kind) {
        return plan.warnings().stream().filter(w -> w.kind() == kind).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " warning in " + plan.warnings()));
    }

    @Test
    void countsBatchesAndKohyaIndexes() {
        // 3 images 640x480 and 1 image 1920x1080, repeats 10, batch 4, 512 buckets.
        // 640x480 -> 576x448 (index 9 in the 17-bucket list), 3 x 10 = 30 samples, ceil(30/4) = 8 batches,
        // last batch 30 - 7·4 = 2. 1920x1080 -> 640x384 (index 10), 10 samples, 3 batches, last 2.
        List<BucketInput> in = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            in.add(BucketInput.train("a" + i + ".png", 640, 480, 10));
        }
        in.add(BucketInput.train("wide.png", 1920, 1080, 10));
        BucketPlan plan = BucketPlanner.plan(BucketSettings.bucketed(Resolution.square(512)), 4, in);

        assertEquals(2, plan.buckets().size());
        BucketSummary b0 = plan.buckets().get(0);
        assertEquals(new BucketSummary(new Resolution(576, 448), 9, 3, 30, 8, 2,
                List.of("a0.png", "a1.png", "a2.png")), b0);
        assertEquals(new BucketSummary(new Resolution(640, 384), 10, 1, 10, 3, 2, List.of("wide.png")),
                plan.buckets().get(1));
        assertEquals(11, plan.batchesPerEpoch());
        assertEquals(40, plan.numTrainImages());
        assertEquals(0, plan.numRegImages());
        // mean |ar error| without repeats: 3 x |576/448 - 4/3| + |640/384 - 16/9|, over 4 images.
        double expected = (3 * Math.abs(576.0 / 448 - 640.0 / 480) + Math.abs(640.0 / 384 - 1920.0 / 1080)) / 4;
        assertEquals(expected, plan.meanArError(), 1e-15);

        assertEquals(List.of("wide.png"), warning(plan, PlanWarning.Kind.SINGLE_IMAGE_BUCKET).keys());
        assertEquals("bucket 576x448: last batch holds 2 of 4 samples",
                warning(plan, PlanWarning.Kind.UNDERFILLED_BATCH).message());
    }

    @Test
    void regImagesShareBucketsAndAreBalanced() {
        // 2 train 512x512 x 5 repeats = 10 samples; 4 reg 512x512 x 1 -> pass 1 n = 4, then +1 each
        // in turn: deficit 6 -> [3, 3, 2, 2] = 10 reg samples. One bucket 512x512 (index 8):
        // 20 samples, batch 3 -> ceil(20/3) = 7 batches, last 20 - 18 = 2.
        List<BucketInput> in = new ArrayList<>();
        in.add(BucketInput.train("t0", 512, 512, 5));
        in.add(BucketInput.train("t1", 512, 512, 5));
        for (int i = 0; i < 4; i++) {
            in.add(BucketInput.reg("r" + i, 512, 512, 1));
        }
        BucketPlan plan = BucketPlanner.plan(BucketSettings.bucketed(Resolution.square(512)), 3, in);
        assertEquals(10, plan.numTrainImages());
        assertEquals(4, plan.numRegImages());
        assertEquals(10, plan.regSamples());
        assertEquals(20, plan.samplesPerEpoch());
        assertEquals(List.of(3, 3, 2, 2), plan.images().subList(2, 6).stream().map(ImagePlan::repeats).toList());
        assertEquals(new BucketSummary(Resolution.square(512), 8, 6, 20, 7, 2,
                List.of("t0", "t1", "r0", "r1", "r2", "r3")), plan.buckets().get(0));
    }

    @Test
    void unusedRegImagesAreReportedNotBucketed() {
        List<BucketInput> in = List.of(BucketInput.train("t", 512, 512, 1),
                BucketInput.reg("r0", 512, 512, 1), BucketInput.reg("r1", 640, 480, 1));
        BucketPlan plan = BucketPlanner.plan(BucketSettings.bucketed(Resolution.square(512)), 1, in);
        assertEquals(List.of("r1"), warning(plan, PlanWarning.Kind.REG_UNUSED).keys());
        assertEquals(1, plan.buckets().size());
        assertEquals(2, plan.batchesPerEpoch());
        assertEquals(3, plan.images().size());
        assertEquals(0, plan.images().get(2).repeats());
    }

    @Test
    void warnsAboutUpscaledExtremeAndRejectedImages() {
        List<BucketInput> in = List.of(BucketInput.train("tiny", 64, 64, 1),
                BucketInput.train("strip", 3000, 200, 1), BucketInput.train("ok", 512, 512, 2));
        BucketPlan plan = BucketPlanner.plan(BucketSettings.bucketed(Resolution.square(512)), 2, in);
        assertEquals(List.of("tiny", "strip"), warning(plan, PlanWarning.Kind.UPSCALED).keys());
        assertEquals(List.of("strip"), warning(plan, PlanWarning.Kind.EXTREME_ASPECT).keys());

        BucketSettings noUp = new BucketSettings(Resolution.square(512), true, 256, 1024, 64, true);
        BucketPlan p2 = BucketPlanner.plan(noUp, 1, List.of(BucketInput.train("thin", 5000, 10, 1),
                BucketInput.train("ok", 512, 512, 1)));
        PlanWarning rejected = warning(p2, PlanWarning.Kind.REJECTED);
        assertEquals(List.of("thin"), rejected.keys());
        assertTrue(rejected.message().startsWith("1 image(s) cannot be bucketed: image 5000x10 is too thin"));
        assertEquals(1, p2.images().size());
        assertTrue(p2.warnings().stream().anyMatch(w -> w.kind() == PlanWarning.Kind.SETTINGS
                && w.message().startsWith("min_bucket_reso and max_bucket_reso are ignored")));
    }

    @Test
    void noUpscaleIndexesFollowTheSortedUsedBuckets() {
        // no-upscale buckets come from the images: 448x256 (500x300) and 512x384 (640x480), sorted by width.
        BucketSettings noUp = new BucketSettings(Resolution.square(512), true, 256, 1024, 64, true);
        BucketPlan plan = BucketPlanner.plan(noUp, 1, List.of(BucketInput.train("b", 640, 480, 1),
                BucketInput.train("a", 500, 300, 1)));
        assertEquals(new Resolution(448, 256), plan.buckets().get(0).resolution());
        assertEquals(0, plan.buckets().get(0).kohyaIndex());
        assertEquals(1, plan.buckets().get(1).kohyaIndex());
    }

    @Test
    void bucketingOffPutsEverythingInOneBucket() {
        BucketPlan plan = BucketPlanner.plan(BucketSettings.single(new Resolution(768, 512)), 2,
                List.of(BucketInput.train("a", 640, 480, 3), BucketInput.train("b", 100, 1000, 3)));
        assertEquals(1, plan.buckets().size());
        assertEquals(new Resolution(768, 512), plan.buckets().get(0).resolution());
        assertEquals(6, plan.buckets().get(0).samples());
        assertEquals(3, plan.batchesPerEpoch());
    }
}
