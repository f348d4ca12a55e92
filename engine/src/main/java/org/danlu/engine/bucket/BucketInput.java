package org.danlu.engine.bucket;

/**
 * One image to plan: an identifying key (usually its path), its stored size in pixels, the repeats
 * of its folder/subset, and whether it is a regularization image.
 */
public record BucketInput(String key, int width, int height, int repeats, boolean reg) {

    public BucketInput {
        if (key == null) {
            throw new IllegalArgumentException("bucket input needs a key");
        }
        if (repeats < 1) {
            throw new IllegalArgumentException(key + ": repeats must be at least 1, got " + repeats);
        }
    }

    /** A training (non-regularization) image. */
    public static BucketInput train(String key, int width, int height, int repeats) {
        return new BucketInput(key, width, height, repeats, false);
    }

    /** A regularization image. */
    public static BucketInput reg(String key, int width, int height, int repeats) {
        return new BucketInput(key, width, height, repeats, true);
    }
}
