package org.danlu.engine.train;

/**
 * Where an (upright) image goes: the bucket size and the size it is resized to before cropping,
 * both computed by the bucket layer (kohya-compat.md §3.3). The resized size covers the bucket.
 */
public record BucketTarget(int bucketWidth, int bucketHeight, int resizedWidth, int resizedHeight) {

    public BucketTarget {
        if (bucketWidth < 1 || bucketHeight < 1) {
            throw new IllegalArgumentException("bucket size must be positive, got " + bucketWidth + "x" + bucketHeight);
        }
        if (resizedWidth < bucketWidth || resizedHeight < bucketHeight) {
            throw new IllegalArgumentException("resized size " + resizedWidth + "x" + resizedHeight
                    + " does not cover the bucket " + bucketWidth + "x" + bucketHeight);
        }
    }
}
