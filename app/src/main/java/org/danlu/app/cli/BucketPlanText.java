package org.danlu.app.cli;

import java.io.PrintWriter;
import java.util.List;
import org.danlu.engine.bucket.BucketPlan;
import org.danlu.engine.bucket.BucketSettings;
import org.danlu.engine.bucket.BucketSummary;
import org.danlu.engine.bucket.PlanWarning;
import org.danlu.engine.bucket.RunPlan;
import org.danlu.engine.bucket.StepPlan;

/** Prints a {@link RunPlan} as the table, totals, steps and warnings of {@code danlu buckets}. */
final class BucketPlanText {

    /** Names listed per warning before "... and N more". */
    static final int NAMES_SHOWN = 5;

    private BucketPlanText() {
    }

    /**
     * Prints the plan.
     *
     * @param root prefix stripped from image keys in the warnings (names read relative to the dataset), or null
     */
    static void print(PrintWriter out, String title, String root, RunPlan run) {
        print(out, title, root, run.buckets(), run.steps());
    }

    /** Prints one dataset's plan; the steps line when {@code st} is not null (else call {@link #printSteps}). */
    static void print(PrintWriter out, String title, String root, BucketPlan p, StepPlan st) {
        BucketSettings s = p.settings();
        out.println(title);
        out.println("  resolution " + s.resolution().toKohyaString() + ", " + (!s.enableBucket() ? "bucketing off (one bucket)"
                : s.bucketNoUpscale() ? "bucketing on, no upscale (steps " + s.bucketResoSteps() + ")"
                : "bucketing on (min " + s.minBucketReso() + ", max " + s.maxBucketReso() + ", steps " + s.bucketResoSteps() + ")")
                + ", batch size " + p.batchSize());
        out.println();
        out.printf("  %4s  %-11s %6s %8s %10s %8s %5s%n", "#", "bucket", "aspect", "images", "x repeats", "batches", "last");
        for (BucketSummary b : p.buckets()) {
            out.printf("  %4d  %-11s %6.2f %8d %10d %8d %5s%n", b.kohyaIndex(), b.resolution(), b.aspectRatio(), b.images(),
                    b.samples(), b.batches(), b.partialLastBatch(p.batchSize()) ? b.lastBatchSize() + "*" : Integer.toString(b.lastBatchSize()));
        }
        out.println();
        out.printf("  images %d (used %d); train images x repeats %d; reg images x repeats %d",
                p.images().size(), p.usedImages(), p.numTrainImages(), p.numRegImages());
        if (p.numRegImages() > 0) {
            out.printf(" (balanced to %d reg samples)", p.regSamples());
        }
        out.println();
        out.printf("  batches per epoch %d; mean aspect-ratio error %.4f%n", p.batchesPerEpoch(), p.meanArError());
        if (st != null) {
            printSteps(out, st);
        }
        if (!p.warnings().isEmpty()) {
            out.println();
            out.println("warnings:");
            for (PlanWarning w : p.warnings()) {
                out.println("  " + w.message() + names(w.keys(), root));
            }
        }
    }

    /** The steps line: per epoch, epochs, total. */
    static void printSteps(PrintWriter out, StepPlan st) {
        out.printf("  steps: %d per epoch (%d batches / gradient accumulation %d) x %d epoch(s) = %d optimizer steps%s%n",
                st.updateStepsPerEpoch(), st.batchesPerEpoch(), st.gradientAccumulationSteps(), st.numEpochs(),
                st.maxTrainSteps(), st.stepsFromEpochs() ? " (from max_train_epochs)"
                        : st.lastEpochSteps() != st.updateStepsPerEpoch() ? " (from max_train_steps; the last epoch runs "
                                + st.lastEpochSteps() + ")" : " (from max_train_steps)");
    }

    private static String names(List<String> keys, String root) {
        String prefix = root == null ? null : root.endsWith("/") ? root : root + "/";
        if (keys.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(": ");
        for (int i = 0; i < Math.min(NAMES_SHOWN, keys.size()); i++) {
            String k = keys.get(i);
            sb.append(i == 0 ? "" : ", ").append(prefix != null && k.startsWith(prefix) ? k.substring(prefix.length()) : k);
        }
        if (keys.size() > NAMES_SHOWN) {
            sb.append(" ... and ").append(keys.size() - NAMES_SHOWN).append(" more");
        }
        return sb.toString();
    }
}
