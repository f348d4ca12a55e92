package org.danlu.engine.run;

import java.util.Locale;

/**
 * A run's progress as one line of text, tqdm style, for {@code danlu monitor} and the foreground
 * {@code danlu train}:
 * {@code shs-dog running  42% [#####-------] 420/1000 ep 2/10 loss 0.1234 avg 0.1300 2.31it/s eta 4:10}.
 * Pure functions of a {@link RunSummary}, so the same numbers appear everywhere.
 */
public final class ProgressLine {
    private ProgressLine() {}

    /**
     * The line, at most {@code width} columns. When space is short the average loss goes first,
     * then the bar, then the end of the line is cut.
     */
    public static String format(RunSummary s, String runId, long nowMillis, int width) {
        String head = s.nameOr(runId) + " " + s.status().label();
        String pct = s.totalSteps() > 0
                ? String.format(Locale.ROOT, "%3d%%", Math.min(100, (int) (100L * s.step() / s.totalSteps())))
                : "  ?%";
        String full = tail(s, nowMillis, true);
        String lean = tail(s, nowMillis, false);
        for (String tail : new String[] {full, lean}) {
            int barWidth = Math.min(30, width - head.length() - pct.length() - tail.length() - 5);
            if (barWidth >= 10) {
                int filled = s.totalSteps() > 0
                        ? (int) ((long) barWidth * Math.min(s.step(), s.totalSteps()) / s.totalSteps()) : 0;
                return head + " " + pct + " [" + "#".repeat(filled) + "-".repeat(barWidth - filled) + "] " + tail;
            }
        }
        String line = head + " " + pct + " " + full;
        if (line.length() > width) {
            line = head + " " + pct + " " + lean;
        }
        return line.length() <= width ? line : line.substring(0, Math.max(0, width));
    }

    private static String tail(RunSummary s, long nowMillis, boolean withAvg) {
        StringBuilder tail = new StringBuilder();
        tail.append(s.step()).append('/').append(s.totalSteps() > 0 ? Integer.toString(s.totalSteps()) : "?");
        if (s.epochs() > 0) {
            tail.append(" ep ").append(Math.max(s.epoch(), 0)).append('/').append(s.epochs());
        }
        tail.append(" loss ").append(number(s.lastLoss()));
        if (withAvg) {
            tail.append(" avg ").append(number(s.avgLoss()));
        }
        tail.append(' ').append(speed(s.secondsPerStep()));
        long eta = s.etaMillis();
        if (eta >= 0) {
            tail.append(" eta ").append(duration(eta));
        } else {
            tail.append(" time ").append(duration(s.durationMillis(nowMillis)));
        }
        return tail.toString();
    }

    /** {@code 0:42}, {@code 12:05}, {@code 1:02:03}; {@code -} when negative. */
    public static String duration(long millis) {
        if (millis < 0) {
            return "-";
        }
        long secs = millis / 1000;
        long h = secs / 3600, m = secs / 60 % 60, sec = secs % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec)
                : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }

    /** A loss with 4 decimals, or {@code -} when unknown / not finite. */
    public static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "-";
    }

    /** {@code 2.31it/s} when faster than one step a second, else {@code 1.50s/it} (as tqdm). */
    public static String speed(double secondsPerStep) {
        if (!(secondsPerStep > 0) || !Double.isFinite(secondsPerStep)) {
            return "-it/s";
        }
        return secondsPerStep < 1
                ? String.format(Locale.ROOT, "%.2fit/s", 1 / secondsPerStep)
                : String.format(Locale.ROOT, "%.2fs/it", secondsPerStep);
    }
}
