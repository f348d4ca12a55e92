package org.danlu.engine.bucket;

import java.util.List;

/**
 * The bucket plan of one dataset, as sd-scripts would build it: every image with its bucket,
 * every used bucket (sorted by resolution) with its counts and batches, the totals kohya prints,
 * and the warnings for the user.
 *
 * @param settings        the prepared settings (min/max already adjusted to the steps)
 * @param batchSize       {@code train_batch_size}
 * @param images          every input, in input order (unused reg images have repeats 0)
 * @param buckets         used buckets, sorted by (width, height)
 * @param numTrainImages  Σ repeats × images over train inputs (kohya's "num train images * repeats")
 * @param numRegImages    Σ repeats × images over reg inputs before balancing (kohya's "num reg images")
 * @param regSamples      reg samples per epoch after balancing (0 without reg images)
 * @param batchesPerEpoch Σ over buckets of ceil(samples / batch size)
 * @param meanArError     mean |ar_error| over used images, without repeats (kohya's "mean ar error")
 */
public record BucketPlan(BucketSettings settings, int batchSize, List<ImagePlan> images,
                         List<BucketSummary> buckets, long numTrainImages, long numRegImages,
                         long regSamples, int batchesPerEpoch, double meanArError,
                         List<PlanWarning> warnings) {

    public BucketPlan {
        images = List.copyOf(images);
        buckets = List.copyOf(buckets);
        warnings = List.copyOf(warnings);
    }

    /** Samples per epoch (train + balanced reg), what the batches are cut from. */
    public long samplesPerEpoch() {
        return numTrainImages + regSamples;
    }

    /** Images that were placed and are used (repeats > 0). */
    public long usedImages() {
        return images.stream().filter(ImagePlan::used).count();
    }
}
