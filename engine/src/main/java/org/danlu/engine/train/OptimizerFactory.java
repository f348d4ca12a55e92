package org.danlu.engine.train;

import ai.djl.ndarray.NDManager;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Builds the optimizer named by kohya's {@code optimizer_type} (case-insensitive) with its
 * {@code optimizer_args}. 8-bit and paged variants run the full-precision optimizer until real
 * 8-bit state exists, with a warning naming the extra memory.
 */
public final class OptimizerFactory {

    private static final String SUPPORTED = "AdamW, AdamW8bit, PagedAdamW, PagedAdamW8bit, PagedAdamW32bit, Lion, "
            + "Lion8bit, PagedLion8bit, SGDNesterov, SGDNesterov8bit, Adafactor, DAdaptAdam, Prodigy";

    private OptimizerFactory() {
    }

    public static Optimizer create(String optimizerType, OptimizerArgs args, double learningRate, NDManager manager,
                                   Consumer<String> warn) {
        String type = optimizerType == null || optimizerType.isBlank() ? "adamw" : optimizerType.trim().toLowerCase(Locale.ROOT);
        switch (type) {
            case "adamw8bit", "pagedadamw8bit" -> warn.accept(eightBit(optimizerType, "AdamW", 2));
            case "pagedadamw", "pagedadamw32bit" -> warn.accept(optimizerType + ": paging to CPU memory is not "
                    + "implemented; training with AdamW, whose state stays in GPU memory (8 bytes per trainable parameter)");
            case "lion8bit", "pagedlion8bit" -> warn.accept(eightBit(optimizerType, "Lion", 1));
            case "sgdnesterov8bit" -> warn.accept(eightBit(optimizerType, "SGDNesterov", 1));
            default -> { }
        }
        return switch (type) {
            case "adamw", "adamw8bit", "pagedadamw", "pagedadamw8bit", "pagedadamw32bit" -> adamW(args, manager);
            case "lion", "lion8bit", "pagedlion8bit" -> lion(args, manager);
            case "sgdnesterov", "sgdnesterov8bit" -> sgdNesterov(args, manager);
            case "adafactor" -> adafactor(args, learningRate, manager, warn);
            case "dadaptadam" -> dAdaptAdam(args, learningRate, manager, warn);
            case "prodigy" -> prodigy(args, learningRate, manager, warn);
            case "dadaptation", "dadaptadampreprint", "dadaptadagrad", "dadaptadan", "dadaptadanip", "dadaptlion",
                    "dadaptsgd" -> throw new IllegalArgumentException("optimizer_type = \"" + optimizerType
                    + "\" is not supported by Danlu; use DAdaptAdam or Prodigy (both adapt the learning rate)");
            default -> throw new IllegalArgumentException("optimizer_type: unknown or unsupported optimizer \""
                    + optimizerType + "\"; use one of: " + SUPPORTED);
        };
    }

    /** The warning for an 8-bit name: the full-precision state costs 4 bytes instead of 1 per state value. */
    private static String eightBit(String name, String used, int statesPerParam) {
        int extraMbPerMillion = 3 * statesPerParam;
        return name + ": 8-bit optimizer state is not implemented yet; training with " + used
                + " and 32-bit state instead, which needs " + 4 * statesPerParam + " bytes per trainable parameter instead of "
                + statesPerParam + " (about " + extraMbPerMillion + " MB more GPU memory per million LoRA parameters)";
    }

    private static AdamW adamW(OptimizerArgs a, NDManager m) {
        a.requireOnly(Set.of("betas", "eps", "weight_decay", "amsgrad"), "AdamW");
        if (a.getBoolean("amsgrad", false)) {
            throw new IllegalArgumentException("optimizer_args: amsgrad=True is not supported; remove it");
        }
        double[] betas = a.getDoubles("betas", 0.9, 0.999);
        return new AdamW(m, betas[0], betas[1], a.getDouble("eps", 1e-8), a.getDouble("weight_decay", 0.01));
    }

    private static Lion lion(OptimizerArgs a, NDManager m) {
        a.requireOnly(Set.of("betas", "weight_decay"), "Lion");
        double[] betas = a.getDoubles("betas", 0.9, 0.99);
        return new Lion(m, betas[0], betas[1], a.getDouble("weight_decay", 0.0));
    }

    private static SgdNesterov sgdNesterov(OptimizerArgs a, NDManager m) {
        a.requireOnly(Set.of("momentum", "weight_decay", "nesterov", "dampening"), "SGDNesterov");
        if (!a.getBoolean("nesterov", true) || a.getDouble("dampening", 0) != 0) {
            throw new IllegalArgumentException("optimizer_args: SGDNesterov needs nesterov=True and dampening=0");
        }
        return new SgdNesterov(m, a.getDouble("momentum", 0.9), a.getDouble("weight_decay", 0.0));
    }

    private static Adafactor adafactor(OptimizerArgs a, double lr, NDManager m, Consumer<String> warn) {
        a.requireOnly(Set.of("eps", "clip_threshold", "decay_rate", "beta1", "weight_decay", "scale_parameter",
                "relative_step", "warmup_init"), "Adafactor");
        boolean warmupInit = a.getBoolean("warmup_init", false);
        // kohya: relative_step defaults to True, and warmup_init forces it on.
        boolean relativeStep = a.getBoolean("relative_step", true) || warmupInit;
        if (relativeStep) {
            warn.accept("Adafactor with relative_step=True: the step size is min(1e-2, 1/sqrt(step)) scaled by each "
                    + "weight's RMS, so learning_rate (" + lr + ") and lr_scheduler do not apply (as in kohya); add "
                    + "optimizer_args relative_step=False scale_parameter=False warmup_init=False to use them");
        }
        double[] eps = a.getDoubles("eps", 1e-30, 1e-3);
        return new Adafactor(m, new Adafactor.Options(eps[0], eps[1], a.getDouble("clip_threshold", 1.0),
                a.getDouble("decay_rate", -0.8), a.getNullableDouble("beta1", null), a.getDouble("weight_decay", 0.0),
                a.getBoolean("scale_parameter", true), relativeStep, warmupInit));
    }

    private static DAdaptAdam dAdaptAdam(OptimizerArgs a, double lr, NDManager m, Consumer<String> warn) {
        a.requireOnly(Set.of("betas", "eps", "weight_decay", "decouple", "use_bias_correction", "d0", "growth_rate",
                "log_every"), "DAdaptAdam");
        warnLowLr(lr, "DAdaptAdam", warn);
        double[] betas = a.getDoubles("betas", 0.9, 0.999);
        return new DAdaptAdam(m, new DAdaptAdam.Options(betas[0], betas[1], a.getDouble("eps", 1e-8),
                a.getDouble("weight_decay", 0), a.getBoolean("decouple", false), a.getBoolean("use_bias_correction", false),
                a.getDouble("d0", 1e-6), a.getDouble("growth_rate", Double.POSITIVE_INFINITY)));
    }

    private static Prodigy prodigy(OptimizerArgs a, double lr, NDManager m, Consumer<String> warn) {
        a.requireOnly(Set.of("betas", "beta3", "eps", "weight_decay", "decouple", "use_bias_correction",
                "safeguard_warmup", "d0", "d_coef", "growth_rate", "slice_p"), "Prodigy");
        if (a.getDouble("slice_p", 1) != 1) {
            throw new IllegalArgumentException("optimizer_args: Prodigy slice_p other than 1 is not supported; remove it");
        }
        warnLowLr(lr, "Prodigy", warn);
        double[] betas = a.getDoubles("betas", 0.9, 0.999);
        return new Prodigy(m, new Prodigy.Options(betas[0], betas[1], a.getNullableDouble("beta3", null),
                a.getDouble("eps", 1e-8), a.getDouble("weight_decay", 0), a.getBoolean("decouple", true),
                a.getBoolean("use_bias_correction", false), a.getBoolean("safeguard_warmup", false),
                a.getDouble("d0", 1e-6), a.getDouble("d_coef", 1.0), a.getDouble("growth_rate", Double.POSITIVE_INFINITY)));
    }

    private static void warnLowLr(double lr, String name, Consumer<String> warn) {
        if (lr <= 0.1) {
            warn.accept(name + " adapts the step size itself and expects learning_rate around 1.0 (got " + lr
                    + "); a low learning_rate scales every step down");
        }
    }
}
