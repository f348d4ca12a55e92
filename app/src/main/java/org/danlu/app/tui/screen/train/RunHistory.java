package org.danlu.app.tui.screen.train;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.danlu.engine.run.Event;
import org.danlu.engine.run.EventText;
import org.danlu.engine.run.RunDir;
import org.danlu.engine.run.RunSummary;

/**
 * Everything the Train screen shows about one run, folded from its events in file order: the loss
 * and learning-rate curves, samples, saved files, the log tail and the latest {@link RunSummary}.
 * Mutable and owned by the GUI thread; the tail thread never touches it (see {@link RunFeed}).
 */
public final class RunHistory {
    static final int LOG_LINES = 200;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** A sample image: absolute path, its prompt and the step it was made at (null when unknown). */
    public record Sample(Path path, String prompt, Integer step) {
    }

    private final RunDir run;
    private RunSummary summary = RunSummary.empty();
    private Event.Start start;
    private double[] steps = new double[256];
    private double[] loss = new double[256];
    private double[] lr = new double[256];
    private double[] lr2 = new double[256];
    private int count;
    private final List<String> lrGroups = new ArrayList<>();
    private Long memoryBytes;
    private final List<Sample> samples = new ArrayList<>();
    private final List<String> saves = new ArrayList<>();
    private final Deque<String> log = new ArrayDeque<>();
    private boolean finished;

    public RunHistory(RunDir run) {
        this.run = run;
    }

    public RunDir run() {
        return run;
    }

    /** Folds one event (with the watcher's summary that includes it). */
    public void apply(Event e, RunSummary s) {
        summary = s;
        if (e instanceof Event.Step st) {
            addStep(st);
            return;
        }
        if (e instanceof Event.Start st) {
            start = st;
        } else if (e instanceof Event.Sample sa) {
            samples.add(new Sample(resolve(sa.path()), sa.prompt(), sa.step()));
        } else if (e instanceof Event.Save sv) {
            saves.add(sv.path());
        }
        log(e.t(), EventText.describe(e));
    }

    private void addStep(Event.Step st) {
        if (count == steps.length) {
            int n = count * 2;
            steps = Arrays.copyOf(steps, n);
            loss = Arrays.copyOf(loss, n);
            lr = Arrays.copyOf(lr, n);
            lr2 = Arrays.copyOf(lr2, n);
        }
        if (lrGroups.isEmpty()) {
            lrGroups.addAll(st.lr().keySet());
        }
        steps[count] = st.step();
        loss[count] = st.loss();
        lr[count] = groupLr(st.lr(), 0);
        lr2[count] = groupLr(st.lr(), 1);
        count++;
        if (st.memoryBytes() != null) {
            memoryBytes = st.memoryBytes();
        }
    }

    private double groupLr(Map<String, Double> byGroup, int index) {
        if (index >= lrGroups.size()) {
            return Double.NaN;
        }
        Double v = byGroup.get(lrGroups.get(index));
        return v == null ? Double.NaN : v;
    }

    /** The watcher's last word: the final summary, and the trainer's log tail when it died. */
    public void finish(RunSummary s, List<String> logTail) {
        summary = s;
        finished = true;
        if (!logTail.isEmpty()) {
            // The trainer died without an end event: say so, then what it printed last.
            log(System.currentTimeMillis(), (s.endReason() == null ? "failed" : s.endReason()) + "; trainer.log:");
            logTail.forEach(l -> log(0, "  " + l));
        }
    }

    /** A line that is not an event (a garbled line, a failed control drop). */
    public void note(String text) {
        log(System.currentTimeMillis(), text);
    }

    private void log(long t, String text) {
        String stamp = t > 0 ? "[" + CLOCK.format(Instant.ofEpochMilli(t).atZone(ZoneId.systemDefault())) + "] " : "";
        log.addLast(stamp + text);
        while (log.size() > LOG_LINES) {
            log.removeFirst();
        }
    }

    private Path resolve(String p) {
        Path path = Path.of(p);
        return path.isAbsolute() ? path : run.path().resolve(path).normalize();
    }

    public RunSummary summary() {
        return summary;
    }

    public Event.Start start() {
        return start;
    }

    public boolean finished() {
        return finished;
    }

    public int stepCount() {
        return count;
    }

    public double[] steps() {
        return steps;
    }

    public double[] loss() {
        return loss;
    }

    /** Learning rate of the first group the trainer named (usually {@code unet}). */
    public double[] lr() {
        return lr;
    }

    /** Learning rate of the second group (usually {@code text_encoder}), NaN when there is none. */
    public double[] lr2() {
        return lr2;
    }

    public List<String> lrGroups() {
        return List.copyOf(lrGroups);
    }

    public Long memoryBytes() {
        return memoryBytes;
    }

    public List<Sample> samples() {
        return List.copyOf(samples);
    }

    public List<String> saves() {
        return List.copyOf(saves);
    }

    public List<String> log() {
        return List.copyOf(log);
    }

    /**
     * The loss smoothed with an exponential moving average, debiased at the start as TensorBoard
     * does (so the first points are not pulled towards 0): s_i = m_i / (1 - w^(i+1)) with
     * m_i = w·m_(i-1) + (1-w)·x_i. NaN losses are skipped (they leave the average as it was).
     */
    public static double[] smooth(double[] values, int n, double weight) {
        double[] out = new double[n];
        double m = 0;
        int seen = 0;
        for (int i = 0; i < n; i++) {
            double v = values[i];
            if (Double.isFinite(v)) {
                m = weight * m + (1 - weight) * v;
                seen++;
            }
            out[i] = seen == 0 ? Double.NaN : m / (1 - Math.pow(weight, seen));
        }
        return out;
    }
}
