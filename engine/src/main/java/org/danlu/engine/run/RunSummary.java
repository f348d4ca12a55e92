package org.danlu.engine.run;

import java.util.ArrayList;
import java.util.List;

/**
 * A run folded from its events: the one interpretation of {@code events.jsonl} that
 * {@code danlu runs}, {@code danlu monitor} and the UI share. Immutable; {@link #apply} returns the
 * next summary, so a tail thread can publish each one safely. A {@code start} after an {@code end}
 * (a run resumed in its own directory) makes it running again.
 *
 * <p>Unknown values: {@code lastLoss}, {@code avgLoss}, {@code secondsPerStep} are NaN,
 * {@code startedMillis}/{@code endedMillis} are 0, strings are null.
 *
 * @param status where the run stands (from events only; {@link #trainerGone} adds the process view)
 * @param step optimizer steps finished
 * @param epoch the epoch of the last step (from 1), or the last finished epoch
 * @param savedFiles every {@code save} path, in order
 * @param events how many events were folded
 */
public record RunSummary(RunStatus status, String name, int step, int totalSteps, int epoch, int epochs,
                         double lastLoss, double avgLoss, double secondsPerStep,
                         long startedMillis, long lastEventMillis, long endedMillis,
                         String lastError, String endReason, List<String> savedFiles, String lastSample,
                         int events) {

    public RunSummary {
        savedFiles = List.copyOf(savedFiles);
    }

    public static RunSummary empty() {
        return new RunSummary(RunStatus.STARTING, null, 0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN,
                0, 0, 0, null, null, List.of(), null, 0);
    }

    public static RunSummary of(List<Event> events) {
        RunSummary s = empty();
        for (Event e : events) {
            s = s.apply(e);
        }
        return s;
    }

    /** The summary after one more event. Events after {@code end} only update the counters. */
    public RunSummary apply(Event e) {
        RunStatus st = status;
        String nm = name;
        int stp = step, tot = totalSteps, ep = epoch, eps = epochs;
        double loss = lastLoss, avg = avgLoss, sps = secondsPerStep;
        long started = startedMillis == 0 ? e.t() : startedMillis;
        long ended = endedMillis;
        String err = lastError, reason = endReason, sample = lastSample;
        List<String> saved = savedFiles;
        boolean live = !status.isFinished();
        // Java 17: no pattern switch yet, so an instanceof chain (Log and Unknown change nothing).
        if (e instanceof Event.Start s) {
            nm = s.runName();
            tot = s.totalSteps();
            eps = s.epochs();
            // A start after an end is a resumed run in the same directory: it is running again, and
            // "started" stays the first start, so the duration counts the whole run.
            started = startedMillis == 0 ? s.t() : startedMillis;
            st = RunStatus.RUNNING;
            ended = 0;
            reason = null;
        } else if (e instanceof Event.Step s) {
            stp = s.step();
            ep = s.epoch();
            loss = s.loss();
            avg = s.avgLoss();
            sps = s.secondsPerStep();
            if (live && st == RunStatus.STARTING) st = RunStatus.RUNNING;
        } else if (e instanceof Event.Epoch s) {
            ep = Math.max(ep, s.epoch());
            stp = Math.max(stp, s.step());
        } else if (e instanceof Event.Sample s) {
            sample = s.path();
        } else if (e instanceof Event.Save s) {
            saved = new ArrayList<>(savedFiles);
            saved.add(s.path());
        } else if (e instanceof Event.Error s) {
            err = s.message();
        } else if (e instanceof Event.ControlAck s) {
            if (live && "paused".equals(s.outcome())) st = RunStatus.PAUSED;
            // A stop while paused releases the pause: the trainer saves and ends from here.
            if (live && ("resumed".equals(s.outcome()) || "stopping".equals(s.outcome()))) st = RunStatus.RUNNING;
        } else if (e instanceof Event.End s) {
            st = RunStatus.of(s.status());
            ended = s.t();
            reason = s.reason() != null ? s.reason() : (st == RunStatus.FAILED ? err : null);
        }
        return new RunSummary(st, nm, stp, tot, ep, eps, loss, avg, sps, started,
                Math.max(lastEventMillis, e.t()), ended, err, reason, saved, sample, events + 1);
    }

    /**
     * The run as seen when its trainer process is gone without an {@code end} event: failed, with
     * {@code why} (e.g. the pid and the last lines of {@code trainer.log}) as the reason.
     */
    public RunSummary trainerGone(String why, long nowMillis) {
        if (status.isFinished()) {
            return this;
        }
        return new RunSummary(RunStatus.FAILED, name, step, totalSteps, epoch, epochs, lastLoss, avgLoss,
                secondsPerStep, startedMillis, lastEventMillis, Math.max(lastEventMillis, startedMillis),
                lastError, why, savedFiles, lastSample, events);
    }

    /** Wall time from start to end (or to {@code nowMillis} while running); 0 before any event. */
    public long durationMillis(long nowMillis) {
        if (startedMillis == 0) {
            return 0;
        }
        long end = endedMillis != 0 ? endedMillis : (status.isFinished() ? lastEventMillis : nowMillis);
        return Math.max(0, end - startedMillis);
    }

    /** Estimated millis to the last step from the latest step time; -1 when unknown. */
    public long etaMillis() {
        if (status.isFinished() || totalSteps <= 0 || !(secondsPerStep > 0)) {
            return -1;
        }
        return Math.round(Math.max(0, totalSteps - step) * secondsPerStep * 1000);
    }

    /** The run's name from its {@code start} event, else the name part of its id. */
    public String nameOr(String runId) {
        return name != null ? name : RunId.namePart(runId);
    }
}
