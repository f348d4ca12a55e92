package org.danlu.engine.bucket;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Assigns images to buckets the way kohya's {@code BucketManager.select_bucket} does, for prepared
 * {@link BucketSettings}. Three paths: the predefined bucket list (bucketing on, upscaling allowed),
 * the no-upscale path (bucket derived from the image size) and bucketing off (one bucket, chosen
 * by the same cover-and-round rule as the predefined path).
 *
 * <p>Not thread-safe: it memoizes placements by size (datasets repeat a handful of sizes, so a
 * 100,000-image plan does the arithmetic a few hundred times).
 */
public final class BucketAssigner {

    private final BucketSettings settings;
    private final List<Resolution> predefined;
    private final Set<Resolution> predefinedSet;
    private final double[] predefinedAspect;
    private final Map<Resolution, Placement> memo = new HashMap<>();

    /** @param settings settings already passed through {@link BucketSettings#prepare()} */
    public BucketAssigner(BucketSettings settings) {
        this.settings = settings;
        if (!settings.enableBucket()) {
            predefined = List.of(settings.resolution());
        } else if (!settings.bucketNoUpscale()) {
            predefined = BucketResolutions.make(settings.resolution(), settings.minBucketReso(),
                    settings.maxBucketReso(), settings.bucketResoSteps());
        } else {
            predefined = List.of();
        }
        predefinedSet = new HashSet<>(predefined);
        predefinedAspect = new double[predefined.size()];
        for (int i = 0; i < predefinedAspect.length; i++) {
            predefinedAspect[i] = predefined.get(i).aspectRatio();
        }
    }

    /** The predefined list (empty on the no-upscale path, where buckets come from the images). */
    public List<Resolution> predefined() {
        return predefined;
    }

    public BucketSettings settings() {
        return settings;
    }

    /**
     * The placement of a {@code width × height} image.
     *
     * @throws IllegalArgumentException for a zero-sized image, or on the no-upscale path an image
     *     so thin that its bucket would have a zero side (sd-scripts divides by zero there)
     */
    public Placement place(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size " + width + "x" + height + " is not usable");
        }
        // Keyed by the size record: its hash (31·w + h) spreads sizes well; a packed long's hash
        // (w ^ h) made thousands of sizes collide.
        Resolution k = new Resolution(width, height);
        Placement p = memo.get(k);
        if (p == null) {
            p = settings.enableBucket() && settings.bucketNoUpscale() ? noUpscale(width, height) : predefined(width, height);
            memo.put(k, p);
        }
        return p;
    }

    private Placement predefined(int w, int h) {
        double ar = (double) w / h;
        Resolution reso = new Resolution(w, h);
        if (!predefinedSet.contains(reso)) {
            // np.abs(predefined_aspect_ratios - ar).argmin(): the first minimum wins ties.
            int best = 0;
            double bestErr = Math.abs(predefinedAspect[0] - ar);
            for (int i = 1; i < predefinedAspect.length; i++) {
                double e = Math.abs(predefinedAspect[i] - ar);
                if (e < bestErr) {
                    bestErr = e;
                    best = i;
                }
            }
            reso = predefined.get(best);
        }
        double arReso = reso.aspectRatio();
        // Cover the bucket: a wider image matches heights, otherwise widths.
        double scale = ar > arReso ? (double) reso.height() / h : (double) reso.width() / w;
        int rw = (int) (w * scale + 0.5);
        int rh = (int) (h * scale + 0.5);
        return placement(reso, rw, rh, scale, w, h, ar);
    }

    private Placement noUpscale(int w, int h) {
        double ar = (double) w / h;
        long maxArea = settings.resolution().area();
        int rw;
        int rh;
        if ((long) w * h > maxArea) {
            double resizedWidth = Math.sqrt(maxArea * ar);
            double resizedHeight = maxArea / resizedWidth;
            // Round the long or the short side to steps, whichever keeps the aspect ratio better.
            int bw1 = roundToSteps(resizedWidth);
            int bh1 = roundToSteps(bw1 / ar);
            int bh2 = roundToSteps(resizedHeight);
            int bw2 = roundToSteps(bh2 * ar);
            if (bh1 == 0 || bh2 == 0) {
                throw tooThin(w, h);
            }
            double err1 = Math.abs((double) bw1 / bh1 - ar);
            double err2 = Math.abs((double) bw2 / bh2 - ar);
            if (err1 < err2) {
                rw = bw1;
                rh = (int) (bw1 / ar + 0.5);
            } else {
                rw = (int) (bh2 * ar + 0.5);
                rh = bh2;
            }
        } else {
            rw = w;
            rh = h;
        }
        int s = settings.bucketResoSteps();
        Resolution reso = new Resolution(rw - rw % s, rh - rh % s);
        if (reso.width() == 0 || reso.height() == 0) {
            throw tooThin(w, h);
        }
        return placement(reso, rw, rh, (double) rw / w, w, h, ar);
    }

    private IllegalArgumentException tooThin(int w, int h) {
        return new IllegalArgumentException("image " + w + "x" + h + " is too thin for bucket_reso_steps "
                + settings.bucketResoSteps() + " with bucket_no_upscale (its bucket would have a zero side;"
                + " sd-scripts divides by zero here): crop or remove it");
    }

    private int roundToSteps(double x) {
        int i = (int) (x + 0.5);
        return i - i % settings.bucketResoSteps();
    }

    private static Placement placement(Resolution reso, int rw, int rh, double scale, int w, int h, double ar) {
        boolean upscaled = rw > w || rh > h;
        return new Placement(reso, rw, rh, scale, Crop.centre(rw, rh, reso), upscaled, reso.aspectRatio() - ar);
    }
}
