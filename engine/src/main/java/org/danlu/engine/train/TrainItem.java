package org.danlu.engine.train;

import java.nio.file.Path;
import org.danlu.engine.bucket.Placement;

/**
 * One image as training uses it: where it is, how EXIF turns it, its caption before per-epoch processing,
 * its subset's options, its bucket placement, its loss weight ({@code prior_loss_weight} for regularization
 * images) and where its cached latents live.
 *
 * @param id          index in {@link TrainingData#items()}
 * @param subsetName  the image folder's name (for tag frequency and dataset dirs)
 * @param cacheRoot   the dataset folder whose {@code .danlu/cache/} holds its latents on disk
 */
public record TrainItem(int id, Path image, int orientation, String baseCaption, String subsetName, boolean reg,
                        SubsetOptions options, Placement placement, float lossWeight, Path cacheRoot) {

    /** Where the bucket layer puts the (upright) image: bucket size and the size it is resized to first. */
    public BucketTarget target() {
        return new BucketTarget(placement.bucket().width(), placement.bucket().height(), placement.resizedWidth(),
                placement.resizedHeight());
    }
}
