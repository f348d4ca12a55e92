package org.danlu.engine.run;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Watches one run for a monitor or a UI: an {@link EventTail} from the first event, the
 * {@link RunSummary} folded as events arrive, and the trainer process's liveness, so a trainer that
 * died without an {@code end} event (SIGKILL, out of memory, power) shows as {@code failed} with the
 * tail of its {@code trainer.log}. Listener calls come on the tail thread.
 *
 * <p>Liveness: a run is alive while the pid in {@code trainer.lock} (or, before the trainer took
 * it, the pid the {@link Launcher} wrote to {@code trainer.pid}) runs. Once it is gone, the file is
 * read to its end once more before the run is declared failed, so a last {@code end} written just
 * before exit is never missed.
 */
public final class RunWatch implements AutoCloseable {

    /** Lines of {@code trainer.log} handed to {@link Listener#onFinished} when a trainer died. */
    public static final int LOG_TAIL_LINES = 20;

    public interface Listener {
        /** One event, with the summary including it. */
        void onEvent(Event event, RunSummary summary);

        default void onBadLine(EventTail.BadLine bad) {}

        /**
         * Called once, when the run is over: after its {@code end} event, or when the trainer is gone
         * without one ({@code summary.status()} is then FAILED and {@code logTail} holds the last lines
         * of {@code trainer.log}; otherwise it is empty).
         */
        default void onFinished(RunSummary summary, List<String> logTail) {}
    }

    private static final long LIVENESS_EVERY_MILLIS = 500;

    private final RunDir run;
    private final Listener listener;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile RunSummary summary = RunSummary.empty();
    private EventTail tail;
    private long lastLivenessCheck;
    private boolean goneSeen;
    private boolean finishReported;

    private RunWatch(RunDir run, Listener listener) {
        this.run = run;
        this.listener = listener;
    }

    public static RunWatch start(RunDir run, Listener listener) {
        return start(run, listener, EventTail.DEFAULT_POLL);
    }

    public static RunWatch start(RunDir run, Listener listener, Duration poll) {
        RunWatch w = new RunWatch(run, listener);
        w.tail = EventTail.start(run.eventsFile(), w.new TailListener(), poll);
        return w;
    }

    /** The latest summary (safe from any thread). */
    public RunSummary summary() {
        return summary;
    }

    /** Waits until the run is over; returns the final summary, or empty on timeout. */
    public Optional<RunSummary> awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS) ? Optional.of(summary) : Optional.empty();
    }

    @Override
    public void close() {
        tail.close();
    }

    /**
     * A one-shot read for listings ({@code danlu runs}): the summary of every event so far, marked
     * failed when the run has no {@code end} and no live trainer.
     */
    public static RunSummary read(RunDir run) throws IOException {
        RunSummary s = RunSummary.of(EventTail.readAll(run.eventsFile()).events());
        if (s.status().isFinished() || trainerAlive(run)) {
            return s;
        }
        // Read again: the trainer may have written its end and exited between the two looks.
        s = RunSummary.of(EventTail.readAll(run.eventsFile()).events());
        return s.trainerGone(goneReason(run), System.currentTimeMillis());
    }

    /** True while the trainer holding the run (or the one just launched for it) is alive. */
    public static boolean trainerAlive(RunDir run) throws IOException {
        return TrainerLock.liveOwner(run).isPresent()
                || ProcessId.read(run.launchFile()).filter(ProcessId::isAlive).isPresent();
    }

    private static String goneReason(RunDir run) throws IOException {
        Optional<ProcessId> pid = ProcessId.read(run.lockFile()).or(() -> readQuietly(run));
        return pid.map(p -> "the trainer (pid " + p.pid() + ") is gone without an end event")
                .orElse("no trainer process for this run (never launched, or it died before starting)");
    }

    private static Optional<ProcessId> readQuietly(RunDir run) {
        try {
            return ProcessId.read(run.launchFile());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Tail thread only. The listener hears first, so whoever awaits the end sees its output. */
    private void finish(List<String> logTail) {
        if (finishReported) {
            return;
        }
        finishReported = true;
        try {
            listener.onFinished(summary, logTail);
        } finally {
            finished.countDown();
        }
    }

    private final class TailListener implements EventTail.Listener {
        @Override
        public void onEvent(Event event) {
            summary = summary.apply(event);
            listener.onEvent(event, summary);
        }

        @Override
        public void onBadLine(EventTail.BadLine bad) {
            listener.onBadLine(bad);
        }

        @Override
        public void onIdle() {
            if (finishReported) {
                return;
            }
            if (summary.status().isFinished()) {
                finish(List.of());
                return;
            }
            try {
                if (goneSeen) {
                    // The tail has read the whole file once more since the trainer was seen gone.
                    summary = summary.trainerGone(goneReason(run), System.currentTimeMillis());
                    finish(run.trainerLogTail(LOG_TAIL_LINES));
                    return;
                }
                long now = System.currentTimeMillis();
                if (now - lastLivenessCheck >= LIVENESS_EVERY_MILLIS) {
                    lastLivenessCheck = now;
                    goneSeen = !trainerAlive(run);
                }
            } catch (IOException e) {
                listener.onBadLine(new EventTail.BadLine(run.lockFile(), 0, "", "cannot check the trainer: " + e.getMessage()));
            }
        }
    }
}
