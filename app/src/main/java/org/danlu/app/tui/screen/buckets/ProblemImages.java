package org.danlu.app.tui.screen.buckets;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.danlu.engine.bucket.BucketPlan;
import org.danlu.engine.bucket.ImagePlan;
import org.danlu.engine.bucket.Placement;
import org.danlu.engine.bucket.PlanWarning;

/**
 * The images worth a look before training, from the plan's warnings (upscaled, extreme aspect,
 * under-filled batch, alone in a bucket, rejected) plus the ones that lose at least
 * {@link #CROP_LIMIT} of their pixels to the centre crop.
 */
final class ProblemImages {
    /** Share of the resized image cut away that counts as "loses much to cropping". */
    static final double CROP_LIMIT = 0.10;

    record Problem(String key, String mark, String reasonKey) {
    }

    private ProblemImages() {
    }

    static List<Problem> of(BucketPlan plan) {
        List<Problem> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (PlanWarning w : plan.warnings()) {
            String mark = switch (w.kind()) {
                case UPSCALED -> "↑";
                case EXTREME_ASPECT -> "↔";
                case UNDERFILLED_BATCH -> "◔";
                case SINGLE_IMAGE_BUCKET -> "1";
                case REJECTED -> "✗";
                default -> null;
            };
            if (mark == null) {
                continue;
            }
            for (String key : w.keys()) {
                if (seen.add(key + w.kind())) {
                    out.add(new Problem(key, mark, "problem." + w.kind().name().toLowerCase(java.util.Locale.ROOT)));
                }
            }
        }
        for (ImagePlan ip : plan.images()) {
            Placement p = ip.placement();
            if (p != null && cropShare(p) >= CROP_LIMIT && seen.add(ip.input().key() + "CROP")) {
                out.add(new Problem(ip.input().key(), "✂", "problem.cropped"));
            }
        }
        return out;
    }

    /** Pixels cut by the centre crop as a share of the resized image. */
    static double cropShare(Placement p) {
        double area = (double) p.resizedWidth() * p.resizedHeight();
        if (area <= 0) {
            return 0;
        }
        double kept = (double) (p.resizedWidth() - p.crop().width()) * (p.resizedHeight() - p.crop().height());
        return 1 - kept / area;
    }
}
