package org.danlu.engine.bucket;

import java.util.List;
import java.util.TreeSet;

/** The predefined bucket list, kohya's {@code model_util.make_bucket_resolutions}. */
public final class BucketResolutions {

    private BucketResolutions() {
    }

    /**
     * All buckets for a max area of {@code W×H}: the square bucket {@code floor(sqrt(A)/s)·s}, then for
     * every width from {@code min} to {@code max} in steps the tallest height with area ≤ A (capped at
     * {@code max}, kept if ≥ {@code min}) and its transpose; de-duplicated, sorted by (width, height).
     */
    public static List<Resolution> make(Resolution maxReso, int minSize, int maxSize, int divisible) {
        long maxArea = maxReso.area();
        TreeSet<Resolution> resos = new TreeSet<>();
        // int(math.sqrt(max_area) // divisible) * divisible: a float floor-division, then int.
        int side = (int) Math.floor(Math.sqrt((double) maxArea) / divisible) * divisible;
        resos.add(Resolution.square(side));
        for (int width = minSize; width <= maxSize; width += divisible) {
            // min(max_size, int((max_area // width) // divisible) * divisible): integer divisions.
            int height = (int) Math.min(maxSize, (maxArea / width) / divisible * divisible);
            if (height >= minSize) {
                resos.add(new Resolution(width, height));
                resos.add(new Resolution(height, width));
            }
        }
        return List.copyOf(resos);
    }
}
