package org.danlu.engine.bucket;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Benchmark (run by {@code bench/buckets}, not a unit test): plans 100,000 image sizes and compares
 * with a naive baseline measured in the same run — a direct transliteration of sd-scripts, which
 * selects each image's bucket without memoization and appends every image key {@code repeats} times
 * to its bucket list before counting batches.
 */
public final class BucketPlanBench {

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        List<BucketInput> inputs = sizes(n, new Random(42));
        BucketSettings settings = BucketSettings.bucketed(Resolution.square(512));
        int batch = 4;

        for (int i = 0; i < 10; i++) { // JIT warm-up of both paths
            BucketPlanner.plan(settings, batch, inputs);
            naive(settings, batch, inputs);
        }
        long ours = best(() -> BucketPlanner.plan(settings, batch, inputs).batchesPerEpoch());
        long base = best(() -> naive(settings, batch, inputs));
        int a = BucketPlanner.plan(settings, batch, inputs).batchesPerEpoch();
        int b = naive(settings, batch, inputs);
        if (a != b) {
            throw new AssertionError("plan and baseline disagree: " + a + " vs " + b + " batches");
        }
        System.out.printf("bucket plan: %,d images, %,d batches per epoch%n", n, a);
        System.out.printf("  danlu BucketPlanner : %8.1f ms (best of 15)%n", ours / 1e6);
        System.out.printf("  naive kohya port    : %8.1f ms (best of 15)%n", base / 1e6);
        System.out.printf("  ratio naive/danlu   : %8.2fx   target: planning well under 1000 ms -> %s%n",
                (double) base / ours, ours < 1_000_000_000L ? "OK" : "TOO SLOW");
    }

    /** 70% common camera/phone/render sizes, 30% arbitrary sizes from 200 to 4000 px; repeats 1-20. */
    static List<BucketInput> sizes(int n, Random rnd) {
        int[][] common = {{512, 512}, {768, 512}, {512, 768}, {1024, 1024}, {1920, 1080}, {1080, 1920},
            {4032, 3024}, {3024, 4032}, {640, 480}, {1280, 720}, {2048, 1536}, {832, 1216}, {1216, 832}};
        List<BucketInput> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int w;
            int h;
            if (rnd.nextInt(10) < 7) {
                int[] c = common[rnd.nextInt(common.length)];
                w = c[0];
                h = c[1];
            } else {
                w = 200 + rnd.nextInt(3800);
                h = 200 + rnd.nextInt(3800);
            }
            int folder = i % 20;
            out.add(new BucketInput("train/" + (folder + 1) + "_x/img" + i + ".png", w, h, folder + 1, false));
        }
        return out;
    }

    private static long best(java.util.function.IntSupplier run) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 15; i++) {
            System.gc(); // the baseline's million-entry lists must not bill their collection to the next run
            long t0 = System.nanoTime();
            run.getAsInt();
            best = Math.min(best, System.nanoTime() - t0);
        }
        return best;
    }

    /** sd-scripts' shape: select per image, append key repeats times, batches = ceil(len/bs). */
    static int naive(BucketSettings settings, int batch, List<BucketInput> inputs) {
        BucketSettings s = settings.prepare().settings();
        List<Resolution> resos = BucketResolutions.make(s.resolution(), s.minBucketReso(), s.maxBucketReso(),
                s.bucketResoSteps());
        Map<Resolution, List<String>> buckets = new HashMap<>();
        for (BucketInput in : inputs) {
            double ar = (double) in.width() / in.height();
            Resolution reso = new Resolution(in.width(), in.height());
            if (!resos.contains(reso)) {
                double[] errors = new double[resos.size()];
                for (int i = 0; i < errors.length; i++) {
                    errors[i] = Math.abs(resos.get(i).aspectRatio() - ar);
                }
                int best = 0;
                for (int i = 1; i < errors.length; i++) {
                    if (errors[i] < errors[best]) {
                        best = i;
                    }
                }
                reso = resos.get(best);
            }
            List<String> bucket = buckets.computeIfAbsent(reso, r -> new ArrayList<>());
            for (int r = 0; r < in.repeats(); r++) {
                bucket.add(in.key());
            }
        }
        int batches = 0;
        for (List<String> b : buckets.values()) {
            batches += (b.size() + batch - 1) / batch;
        }
        return batches;
    }
}
