package org.danlu.engine.bucket;

import java.util.ArrayList;
import java.util.List;

/**
 * kohya's bucketing options for one dataset: {@code resolution}, {@code enable_bucket},
 * {@code min_bucket_reso}, {@code max_bucket_reso}, {@code bucket_reso_steps},
 * {@code bucket_no_upscale}. Defaults are sd-scripts' (bucketing off, 256, 1024, 64, false).
 */
public record BucketSettings(Resolution resolution, boolean enableBucket, int minBucketReso,
                             int maxBucketReso, int bucketResoSteps, boolean bucketNoUpscale) {

    public static final int DEFAULT_MIN = 256;
    public static final int DEFAULT_MAX = 1024;
    public static final int DEFAULT_STEPS = 64;

    public BucketSettings {
        if (resolution == null || resolution.width() <= 0 || resolution.height() <= 0) {
            throw new IllegalArgumentException("resolution must be a positive size, got " + resolution);
        }
        if (bucketResoSteps <= 0) {
            throw new IllegalArgumentException("bucket_reso_steps must be positive, got " + bucketResoSteps);
        }
    }

    /** Bucketing on with kohya's default min/max/steps, upscaling allowed. */
    public static BucketSettings bucketed(Resolution resolution) {
        return new BucketSettings(resolution, true, DEFAULT_MIN, DEFAULT_MAX, DEFAULT_STEPS, false);
    }

    /** Bucketing off: every image goes to the single {@code resolution}. */
    public static BucketSettings single(Resolution resolution) {
        return new BucketSettings(resolution, false, DEFAULT_MIN, DEFAULT_MAX, DEFAULT_STEPS, false);
    }

    /** The settings after kohya's preparation, with the warnings sd-scripts prints for it. */
    public record Prepared(BucketSettings settings, List<String> warnings) {
        public Prepared {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Applies sd-scripts' preparation (only when bucketing is on): a min that is not a multiple of
     * the steps is floored, a max is ceiled; then min ≤ min(W,H) and max(W,H) ≤ max are required.
     *
     * @throws IllegalArgumentException with kohya's reason and the fix when the settings are unusable
     */
    public Prepared prepare() {
        List<String> warnings = new ArrayList<>();
        if (!enableBucket) {
            return new Prepared(this, warnings);
        }
        int s = bucketResoSteps;
        int min = minBucketReso;
        int max = maxBucketReso;
        if (min % s != 0) {
            int adjusted = min - min % s;
            warnings.add("min_bucket_reso is adjusted to be a multiple of bucket_reso_steps: " + min + " -> " + adjusted);
            min = adjusted;
        }
        if (max % s != 0) {
            int adjusted = max + s - max % s;
            warnings.add("max_bucket_reso is adjusted to be a multiple of bucket_reso_steps: " + max + " -> " + adjusted);
            max = adjusted;
        }
        int shortSide = Math.min(resolution.width(), resolution.height());
        int longSide = Math.max(resolution.width(), resolution.height());
        if (shortSide < min) {
            throw new IllegalArgumentException("min_bucket_reso " + min + " must be equal or less than the resolution's short side "
                    + shortSide + ": lower min_bucket_reso or raise resolution");
        }
        if (longSide > max) {
            throw new IllegalArgumentException("max_bucket_reso " + max + " must be equal or greater than the resolution's long side "
                    + longSide + ": raise max_bucket_reso or lower resolution");
        }
        if (s % 64 != 0) {
            warnings.add("bucket_reso_steps " + s + " is not a multiple of 64: kohya's SD1/SD2 train_network.py stops on it"
                    + (s % 32 == 0 ? " (SDXL accepts multiples of 32)" : " (SDXL needs a multiple of 32)"));
        }
        if (bucketNoUpscale) {
            warnings.add("min_bucket_reso and max_bucket_reso are ignored if bucket_no_upscale is set,"
                    + " because bucket reso is defined by image size automatically");
        }
        return new Prepared(new BucketSettings(resolution, true, min, max, s, bucketNoUpscale), warnings);
    }
}
