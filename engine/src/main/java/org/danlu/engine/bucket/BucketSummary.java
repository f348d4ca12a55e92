package org.danlu.engine.bucket;

import java.util.List;

/**
 * One used bucket: its resolution, its index in kohya's sorted bucket list (the {@code bucket {i}}
 * sd-scripts prints and stores in {@code ss_bucket_info}), distinct images, samples (images ×
 * repeats, what kohya calls count), batches per epoch for the batch size, the size of the last
 * batch, and the keys of its images in input order.
 */
public record BucketSummary(Resolution resolution, int kohyaIndex, int images, int samples,
                            int batches, int lastBatchSize, List<String> keys) {

    public BucketSummary {
        keys = List.copyOf(keys);
    }

    public double aspectRatio() {
        return resolution.aspectRatio();
    }

    /** True when the last batch holds fewer samples than the batch size. */
    public boolean partialLastBatch(int batchSize) {
        return lastBatchSize < batchSize;
    }
}
