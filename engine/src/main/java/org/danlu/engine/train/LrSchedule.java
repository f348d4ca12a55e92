package org.danlu.engine.train;

/**
 * A learning-rate schedule as transformers' / diffusers' {@code get_scheduler} builds it: a
 * LambdaLR whose factor λ(k) multiplies each parameter group's base lr at optimizer step k
 * (0-based; λ(0) is used for the first step, so with warm-up the first step has lr 0). kohya
 * advances it once per optimizer step, not per accumulation micro-batch.
 *
 * @param type        the schedule
 * @param totalSteps  N, kohya's {@code max_train_steps × num_processes}
 * @param warmupSteps W, already resolved from a count or fraction ({@link LrWarmup})
 * @param numCycles   {@code lr_scheduler_num_cycles} (cosine_with_restarts only; kohya default 1)
 * @param power       {@code lr_scheduler_power} (polynomial only; default 1)
 * @param lrEnd       polynomial's final lr (transformers default 1e-7)
 * @param lrInit      polynomial's reference lr: the optimizer's default lr ({@code learning_rate})
 */
public record LrSchedule(LrSchedulerType type, long totalSteps, long warmupSteps, double numCycles,
                         double power, double lrEnd, double lrInit) {

    /** transformers' default {@code lr_end} of the polynomial schedule. */
    public static final double DEFAULT_LR_END = 1e-7;

    public LrSchedule {
        if (totalSteps < 1) {
            throw new IllegalArgumentException("lr schedule: total steps must be at least 1, got " + totalSteps);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("lr_warmup_steps: must not be negative, got " + warmupSteps);
        }
        if (type == LrSchedulerType.CONSTANT && warmupSteps != 0) {
            throw new IllegalArgumentException("lr_scheduler = \"constant\" does not use lr_warmup_steps (got "
                    + warmupSteps + "); set lr_warmup_steps = 0 or use \"constant_with_warmup\"");
        }
        if (type == LrSchedulerType.POLYNOMIAL && !(lrInit > lrEnd)) {
            throw new IllegalArgumentException("lr_scheduler = \"polynomial\": lr_end (" + lrEnd
                    + ") must be smaller than the learning rate (" + lrInit + ")");
        }
        if (type == LrSchedulerType.POLYNOMIAL && totalSteps == warmupSteps) {
            throw new IllegalArgumentException("lr_scheduler = \"polynomial\": lr_warmup_steps (" + warmupSteps
                    + ") equals the total steps, leaving no steps to decay over; lower lr_warmup_steps");
        }
    }

    /** The schedules that need no extra parameters (defaults: cycles 1, power 1, lr_end 1e-7). */
    public static LrSchedule of(LrSchedulerType type, long totalSteps, long warmupSteps, double learningRate) {
        return new LrSchedule(type, totalSteps, warmupSteps, 1.0, 1.0, DEFAULT_LR_END, learningRate);
    }

    /** The lr of a parameter group with base lr {@code baseLr} at optimizer step {@code step}. */
    public double lr(long step, double baseLr) {
        return baseLr * factor(step);
    }

    /** λ(step): the factor applied to every group's base lr. */
    public double factor(long step) {
        long n = totalSteps;
        long w = warmupSteps;
        if (type != LrSchedulerType.CONSTANT && step < w) {
            return (double) step / Math.max(1, w);
        }
        double progress = (double) (step - w) / Math.max(1, n - w);
        return switch (type) {
            case CONSTANT, CONSTANT_WITH_WARMUP -> 1.0;
            case LINEAR -> Math.max(0.0, (double) (n - step) / Math.max(1, n - w));
            // transformers' cosine with its fixed num_cycles = 0.5: one half-cosine down to 0.
            case COSINE -> Math.max(0.0, 0.5 * (1.0 + Math.cos(Math.PI * 0.5 * 2.0 * progress)));
            case COSINE_WITH_RESTARTS -> progress >= 1.0
                    ? 0.0
                    : Math.max(0.0, 0.5 * (1.0 + Math.cos(Math.PI * ((numCycles * progress) % 1.0))));
            case POLYNOMIAL -> polynomial(step);
        };
    }

    private double polynomial(long step) {
        if (step > totalSteps) {
            return lrEnd / lrInit;
        }
        double remaining = 1.0 - (double) (step - warmupSteps) / (totalSteps - warmupSteps);
        return ((lrInit - lrEnd) * Math.pow(remaining, power) + lrEnd) / lrInit;
    }
}
