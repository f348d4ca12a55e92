package org.danlu.engine.run;

import java.io.IOException;
import java.time.Duration;

/**
 * Everything a trainer process needs from its run directory, opened and closed in the right order:
 * the {@link TrainerLock}, the {@link EventWriter} and the {@link ControlLoop}.
 * <pre>{@code
 * try (TrainerSession session = TrainerSession.open(run)) {
 *     session.events().write(new Event.Start(...));
 *     for (...) {
 *         if (session.betweenSteps(handler) == ControlLoop.Next.STOP) { save; session.end(STOPPED, "stopped by the user"); return; }
 *         ... step; session.events().write(new Event.Step(...));
 *     }
 *     session.end(Event.End.Status.DONE, null);
 * } catch (Exception e) { ... session.fail(e) inside the try, or let close() mark it failed }
 * }</pre>
 * A session closed without an {@code end} writes {@code end failed}, so a trainer that threw still
 * tells its watchers how it ended; {@code end} is always written before the lock is released.
 */
public final class TrainerSession implements AutoCloseable {
    private final RunDir run;
    private final TrainerLock lock;
    private final EventWriter events;
    private final ControlLoop control;
    private boolean ended;

    private TrainerSession(RunDir run, TrainerLock lock, EventWriter events, Duration pausePoll) {
        this.run = run;
        this.lock = lock;
        this.events = events;
        this.control = new ControlLoop(new Control(run), events, pausePoll);
    }

    /** Takes the run's lock (or throws {@link TrainerLock.HeldException}) and opens its events. */
    public static TrainerSession open(RunDir run) throws IOException {
        return open(run, Duration.ofMillis(200));
    }

    public static TrainerSession open(RunDir run, Duration pausePoll) throws IOException {
        TrainerLock lock = TrainerLock.acquire(run);
        EventWriter events;
        try {
            events = EventWriter.open(run);
            if (lock.clearedStale().isPresent()) {
                events.log("warn", "cleared a stale lock left by " + lock.clearedStale().get());
            }
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
        return new TrainerSession(run, lock, events, pausePoll);
    }

    public RunDir run() { return run; }
    public EventWriter events() { return events; }
    public ControlLoop control() { return control; }

    /** Between two optimizer steps: acts on control commands (blocks while paused). */
    public ControlLoop.Next betweenSteps(ControlLoop.Handler handler) throws IOException, InterruptedException {
        return control.betweenSteps(handler);
    }

    /** Writes the run's {@code end} event; a second call is refused (a run ends once). */
    public synchronized void end(Event.End.Status status, String reason) throws IOException {
        if (ended) {
            throw new IllegalStateException("run " + run.id() + " has already ended");
        }
        events.write(new Event.End(System.currentTimeMillis(), status, reason));
        ended = true;
    }

    /** Records a fatal error: an {@code error} event, then {@code end failed} with its message. */
    public synchronized void fail(Throwable t) throws IOException {
        String message = t.getMessage() == null ? t.toString() : t.getMessage();
        events.write(new Event.Error(System.currentTimeMillis(), message));
        if (!ended) {
            end(Event.End.Status.FAILED, message);
        }
    }

    public synchronized boolean hasEnded() {
        return ended;
    }

    @Override
    public synchronized void close() throws IOException {
        try (lock; events) {
            if (!ended) {
                end(Event.End.Status.FAILED, "the trainer stopped without ending the run (see trainer.log)");
            }
        }
    }
}
