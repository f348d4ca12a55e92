package org.danlu.engine.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.danlu.engine.bucket.BucketSummary;
import org.danlu.engine.bucket.ImagePlan;

/**
 * The batches of one epoch in kohya's order (kohya-compat.md §3.5): every image appears in its bucket
 * {@code repeats} times; a generator seeded with {@code seed + epoch} shuffles the list of (bucket, batch)
 * entries, then the contents of every bucket; batch j of a bucket is its slice {@code [j·B, (j+1)·B)}, so batches
 * never mix buckets. Datasets follow each other in one list, as sd-scripts concatenates them. The order is a
 * pure function of the data, the seed and the epoch, which is what makes a resumed run replay it exactly.
 * (Java's generator replaces Python's, so the permutation itself differs from sd-scripts'.)
 */
public final class EpochOrder {

    /** One batch: 1-based epoch, its position in the epoch, its dataset and the item ids it holds. */
    public record Batch(int epoch, int index, int dataset, List<Integer> itemIds) {
    }

    private EpochOrder() {
    }

    /** The batches of 1-based {@code epoch}. */
    public static List<Batch> batches(TrainingData data, long seed, int epoch) {
        Random rng = new Random(seed + epoch);
        record Slot(int dataset, int bucket, int batch) {
        }
        List<Slot> slots = new ArrayList<>();
        List<List<List<Integer>>> contents = new ArrayList<>(); // [dataset][bucket] → item ids with repeats
        for (int d = 0; d < data.datasets().size(); d++) {
            TrainingData.Part part = data.datasets().get(d);
            java.util.Map<String, Integer> repeats = new java.util.HashMap<>();
            for (ImagePlan ip : part.plan().images()) {
                repeats.put(ip.input().key(), ip.repeats());
            }
            List<List<Integer>> buckets = new ArrayList<>();
            for (int b = 0; b < part.plan().buckets().size(); b++) {
                BucketSummary s = part.plan().buckets().get(b);
                List<Integer> ids = new ArrayList<>();
                for (String key : s.keys()) {
                    Integer id = part.itemByKey().get(key);
                    if (id != null) {
                        for (int r = 0; r < repeats.getOrDefault(key, 0); r++) {
                            ids.add(id);
                        }
                    }
                }
                buckets.add(ids);
                int n = (ids.size() + part.plan().batchSize() - 1) / part.plan().batchSize();
                for (int j = 0; j < n; j++) {
                    slots.add(new Slot(d, b, j));
                }
            }
            contents.add(buckets);
        }
        Collections.shuffle(slots, rng);
        for (List<List<Integer>> buckets : contents) {
            for (List<Integer> ids : buckets) {
                Collections.shuffle(ids, rng);
            }
        }
        List<Batch> out = new ArrayList<>(slots.size());
        for (Slot s : slots) {
            List<Integer> ids = contents.get(s.dataset).get(s.bucket);
            int bs = data.datasets().get(s.dataset).plan().batchSize();
            int from = s.batch * bs;
            out.add(new Batch(epoch, out.size(), s.dataset, List.copyOf(ids.subList(from, Math.min(ids.size(), from + bs)))));
        }
        return out;
    }
}
