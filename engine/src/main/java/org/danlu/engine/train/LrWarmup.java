package org.danlu.engine.train;

/**
 * {@code lr_warmup_steps} as kohya reads it: a whole number is a step count, a number below 1 (or a
 * percentage such as {@code "5%"}) is a fraction of the total steps, {@code W = int(ratio × N)}.
 */
public final class LrWarmup {

    private LrWarmup() {
    }

    /** Resolves a value as written on the command line or as a TOML string. */
    public static long resolve(String text, long totalSteps) {
        String value = text.trim();
        double number;
        try {
            if (value.endsWith("%")) {
                return fromRatio(Double.parseDouble(value.substring(0, value.length() - 1).trim()) / 100.0, totalSteps, text);
            }
            number = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("lr_warmup_steps: '" + text
                    + "' is not a number; give a step count (100), a fraction below 1 (0.05) or a percentage (\"5%\")");
        }
        if (number >= 1) {
            // argparse's int_or_float calls int(value) on the text: "1.5" is refused, "100" is a count.
            if (!value.matches("[+]?\\d+")) {
                throw new IllegalArgumentException("lr_warmup_steps: '" + text
                        + "' is 1 or more, so it must be a whole step count (e.g. 100); fractions must be below 1");
            }
            return Long.parseLong(value.replace("+", ""));
        }
        return fromRatio(number, totalSteps, text);
    }

    /** Resolves a TOML integer (a step count). */
    public static long resolve(long steps, long totalSteps) {
        if (steps < 0) {
            throw new IllegalArgumentException("lr_warmup_steps: " + steps + " is negative; use 0 or more steps");
        }
        return steps;
    }

    /** Resolves a TOML float: kohya multiplies any float by the total ({@code int(value × N)}), so it must be below 1. */
    public static long resolve(double ratio, long totalSteps) {
        return fromRatio(ratio, totalSteps, Double.toString(ratio));
    }

    private static long fromRatio(double ratio, long totalSteps, String text) {
        if (!(ratio >= 0) || ratio > 1) {
            throw new IllegalArgumentException("lr_warmup_steps: '" + text
                    + "' as a fraction must be between 0 and 1 (e.g. 0.05 or \"5%\"); write a step count as a whole number");
        }
        return (long) (ratio * totalSteps);
    }
}
