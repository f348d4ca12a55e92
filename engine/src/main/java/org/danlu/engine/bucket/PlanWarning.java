package org.danlu.engine.bucket;

import java.util.List;

/** Something the user should look at before training, with the images concerned (by key). */
public record PlanWarning(Kind kind, String message, List<String> keys) {

    public enum Kind {
        /** kohya adjusted or ignored a bucket setting. */
        SETTINGS,
        /** images enlarged to reach their bucket (blurrier training data). */
        UPSCALED,
        /** images with an aspect ratio of 3:1 or more (heavy crop or tiny side). */
        EXTREME_ASPECT,
        /** buckets holding one image only. */
        SINGLE_IMAGE_BUCKET,
        /** buckets whose last batch is not full. */
        UNDERFILLED_BATCH,
        /** regularization images that balancing never uses. */
        REG_UNUSED,
        /** images that cannot be bucketed at all. */
        REJECTED
    }

    public PlanWarning {
        keys = List.copyOf(keys);
    }
}
