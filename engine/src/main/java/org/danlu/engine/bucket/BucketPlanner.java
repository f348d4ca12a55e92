package org.danlu.engine.bucket;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a {@link BucketPlan} the way sd-scripts' {@code make_buckets} does: balance reg images,
 * place every used image, append it to its bucket {@code repeats} times, and cut each bucket into
 * {@code ceil(count / batch_size)} batches (batches never mix buckets).
 */
public final class BucketPlanner {

    /** Aspect ratios from 3:1 (or 1:3) on are reported as extreme. */
    public static final double EXTREME_ASPECT = 3.0;

    private BucketPlanner() {
    }

    /**
     * Plans one dataset.
     *
     * @param settings  raw settings; they are prepared here (kohya's min/max adjustment)
     * @param batchSize {@code train_batch_size}, at least 1
     * @param inputs    images in kohya's order: subset order, then sorted path within a subset
     * @throws IllegalArgumentException when the settings are unusable (message says the fix)
     */
    public static BucketPlan plan(BucketSettings settings, int batchSize, List<BucketInput> inputs) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("train_batch_size must be at least 1, got " + batchSize);
        }
        BucketSettings.Prepared prepared = settings.prepare();
        BucketAssigner assigner = new BucketAssigner(prepared.settings());
        int[] repeats = RegBalance.effectiveRepeats(inputs);

        List<ImagePlan> images = new ArrayList<>(inputs.size());
        Map<Resolution, Tally> tallies = new HashMap<>();
        List<String> upscaled = new ArrayList<>();
        List<String> extreme = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        List<String> regUnused = new ArrayList<>();
        List<String> rejectReasons = new ArrayList<>();
        long numTrain = 0;
        long numReg = 0;
        long regSamples = 0;
        double arErrorSum = 0;
        int arErrorCount = 0;
        for (int i = 0; i < inputs.size(); i++) {
            BucketInput in = inputs.get(i);
            if (in.reg()) {
                numReg += in.repeats();
                regSamples += repeats[i];
            } else {
                numTrain += in.repeats();
            }
            Placement p;
            try {
                p = assigner.place(in.width(), in.height());
            } catch (IllegalArgumentException e) {
                rejected.add(in.key());
                rejectReasons.add(e.getMessage());
                continue;
            }
            images.add(new ImagePlan(in, repeats[i], p));
            if (repeats[i] == 0) {
                regUnused.add(in.key());
                continue;
            }
            tallies.computeIfAbsent(p.bucket(), r -> new Tally()).add(in.key(), repeats[i]);
            arErrorSum += Math.abs(p.arError());
            arErrorCount++;
            if (p.upscaled()) {
                upscaled.add(in.key());
            }
            double ar = (double) in.width() / in.height();
            if (ar >= EXTREME_ASPECT || 1 / ar >= EXTREME_ASPECT) {
                extreme.add(in.key());
            }
        }

        List<BucketSummary> buckets = summarize(new TreeMap<>(tallies), assigner.predefined(), batchSize,
                prepared.settings().enableBucket());
        int batches = 0;
        for (BucketSummary b : buckets) {
            batches += b.batches();
        }

        List<PlanWarning> warnings = new ArrayList<>();
        for (String w : prepared.warnings()) {
            warnings.add(new PlanWarning(PlanWarning.Kind.SETTINGS, w, List.of()));
        }
        if (!rejected.isEmpty()) {
            warnings.add(new PlanWarning(PlanWarning.Kind.REJECTED, rejected.size() + " image(s) cannot be bucketed: "
                    + rejectReasons.get(0), rejected));
        }
        addIfAny(warnings, PlanWarning.Kind.UPSCALED, upscaled,
                " image(s) are smaller than their bucket and will be upscaled");
        addIfAny(warnings, PlanWarning.Kind.EXTREME_ASPECT, extreme,
                " image(s) have an aspect ratio of 3:1 or more (large crop or a thin bucket)");
        addIfAny(warnings, PlanWarning.Kind.REG_UNUSED, regUnused,
                " regularization image(s) are not used: kohya balances reg samples to the " + numTrain + " train samples");
        for (BucketSummary b : buckets) {
            if (b.images() == 1) {
                warnings.add(new PlanWarning(PlanWarning.Kind.SINGLE_IMAGE_BUCKET,
                        "bucket " + b.resolution() + " holds a single image", b.keys()));
            }
            if (b.partialLastBatch(batchSize)) {
                warnings.add(new PlanWarning(PlanWarning.Kind.UNDERFILLED_BATCH, "bucket " + b.resolution()
                        + ": last batch holds " + b.lastBatchSize() + " of " + batchSize + " samples", b.keys()));
            }
        }
        double meanArError = arErrorCount == 0 ? 0 : arErrorSum / arErrorCount;
        return new BucketPlan(prepared.settings(), batchSize, images, buckets, numTrain, numReg, regSamples,
                batches, meanArError, warnings);
    }

    private static List<BucketSummary> summarize(TreeMap<Resolution, Tally> tallies, List<Resolution> predefined,
                                                 int batchSize, boolean enableBucket) {
        List<BucketSummary> out = new ArrayList<>(tallies.size());
        int usedIndex = 0;
        for (Map.Entry<Resolution, Tally> e : tallies.entrySet()) {
            Tally t = e.getValue();
            // kohya numbers buckets over its whole sorted list: the predefined list when it has one
            // (empty buckets keep their numbers), else the buckets the images created.
            int index = enableBucket && !predefined.isEmpty() ? predefined.indexOf(e.getKey()) : usedIndex;
            int batches = (int) ((t.samples + batchSize - 1) / batchSize);
            int last = (int) (t.samples - (long) (batches - 1) * batchSize);
            out.add(new BucketSummary(e.getKey(), index, t.keys.size(), (int) t.samples, batches, last, t.keys));
            usedIndex++;
        }
        return out;
    }

    private static void addIfAny(List<PlanWarning> warnings, PlanWarning.Kind kind, List<String> keys, String text) {
        if (!keys.isEmpty()) {
            warnings.add(new PlanWarning(kind, keys.size() + text, keys));
        }
    }

    /** Running counts of one bucket. */
    private static final class Tally {
        final List<String> keys = new ArrayList<>();
        long samples;

        void add(String key, int repeats) {
            keys.add(key);
            samples += repeats;
        }
    }
}
