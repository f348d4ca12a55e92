package org.danlu.app.tui.screen.params;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.danlu.engine.bucket.Resolution;
import org.danlu.engine.bucket.RunPlan;
import org.danlu.engine.bucket.ScanInputs;
import org.danlu.engine.bucket.StepPlan;
import org.danlu.engine.config.TrainConfig;
import org.danlu.engine.dataset.DatasetScan;

/**
 * The values the Params screen derives from a configuration and the dataset it names, recomputed
 * on every change: the run plan (buckets and steps, exactly as the trainer will plan them), the
 * LoRA scale alpha/rank and the effective learning rates, the file size estimate, and the notes
 * the validator does not make (they are about how options interact, not whether they are valid;
 * alpha above rank is the validator's warning already).
 *
 * @param plan      the plan, or null when it cannot be made ({@code planProblem} says why)
 * @param warmup    warm-up steps as kohya counts them (0 when none)
 * @param notes     message keys with their arguments, for the screen to translate
 */
record Derived(RunPlan plan, String planProblem, long warmup, double scale, double unetLr, double teLr,
               long loraBytes, List<Note> notes) {

    /** A note as a message key and its arguments. */
    record Note(String key, Object... args) {
    }

    static Derived of(TrainConfig cfg, DatasetScan scan) {
        RunPlan plan = null;
        String problem = null;
        long warmup = 0;
        try {
            if (scan == null) {
                problem = "noDataset";
            } else {
                Resolution res = cfg.resolution() != null ? cfg.resolution() : Resolution.square(512);
                plan = RunPlan.of(cfg.bucketSettings(res), cfg.trainBatchSize(), cfg.gradientAccumulationSteps(),
                        cfg.maxTrainEpochs(), cfg.isSet("max_train_steps") ? cfg.maxTrainSteps() : null, ScanInputs.of(scan));
                warmup = StepPlan.warmupSteps(cfg.lrWarmupSteps(), plan.steps().maxTrainSteps());
            }
        } catch (RuntimeException e) {
            plan = null;
            problem = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        // A loaded file may hold a value of the wrong type; the validator reports it, the derived
        // values just show "-" for what depends on it.
        double scale = safe(() -> cfg.networkAlpha() / Math.max(1, cfg.networkDim()));
        double base = safe(() -> cfg.learningRate());
        double unet = safe(() -> cfg.unetLr() != null ? cfg.unetLr() : base);
        List<Double> te = safeList(cfg);
        double teLr = te.isEmpty() ? base : te.get(0);
        long bytes = (long) safe(() -> LoraSize.bytes(cfg));
        long warm = warmup;
        List<Note> notes;
        try {
            notes = notes(cfg, warm);
        } catch (RuntimeException e) {
            notes = List.of();
        }
        return new Derived(plan, problem, warmup, scale, unet, teLr, bytes, notes);
    }

    private static List<Note> notes(TrainConfig cfg, long warmup) {
        List<Note> notes = new ArrayList<>();
        String opt = cfg.optimizerType();
        String lower = opt.toLowerCase(Locale.ROOT);
        if (lower.endsWith("8bit")) {
            notes.add(new Note("params.note.eightBit", opt, opt.substring(0, opt.length() - 4).replace("Paged", "")));
        }
        String sched = cfg.lrScheduler();
        if (lower.equals("adafactor") && sched != null && !sched.equals("adafactor")) {
            notes.add(new Note("params.note.adafactor", sched));
        }
        boolean warms = warmup > 0 || cfg.lrWarmupSteps().doubleValue() > 0; // set, even before the plan counts it
        if (warms && ("adafactor".equals(sched) || "piecewise_constant".equals(sched))) {
            notes.add(new Note("params.note.warmupIgnored", sched));
        }
        return notes;
    }

    private static double safe(java.util.function.DoubleSupplier s) {
        try {
            return s.getAsDouble();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private static List<Double> safeList(TrainConfig cfg) {
        try {
            return cfg.textEncoderLr();
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
