package org.danlu.engine.run;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The trainer's side of the control channel, called once between optimizer steps:
 * <pre>{@code
 * ControlLoop control = new ControlLoop(new Control(run), events);
 * for (...) {
 *     if (control.betweenSteps(handler) == ControlLoop.Next.STOP) { save; write End(STOPPED); break; }
 *     ... one step ...
 * }
 * }</pre>
 * Every command is acknowledged with a {@code control-ack} event. {@code pause} blocks inside
 * {@code betweenSteps} until {@code resume} or {@code stop} arrives; {@code save} and {@code sample}
 * are still honoured while paused. The loop itself never writes {@code end}: on {@link Next#STOP}
 * the trainer saves and ends the run with status {@code stopped}.
 */
public final class ControlLoop {

    /** What the trainer does for the commands that need its model. */
    public interface Handler {
        /** Save the LoRA (and training state) now; write the {@code save} events. */
        void saveNow() throws Exception;

        /** Render the sample prompts now; write the {@code sample} events. */
        void sampleNow() throws Exception;
    }

    /** What the trainer loop does next. */
    public enum Next { CONTINUE, STOP }

    private final Control control;
    private final EventWriter events;
    private final long pausePollMillis;
    private boolean paused;

    public ControlLoop(Control control, EventWriter events, Duration pausePoll) {
        this.control = control;
        this.events = events;
        this.pausePollMillis = Math.max(1, pausePoll.toMillis());
    }

    public ControlLoop(Control control, EventWriter events) {
        this(control, events, Duration.ofMillis(200));
    }

    /**
     * Consumes and acts on the pending commands; returns when the loop may take the next step
     * ({@link Next#CONTINUE}) or must stop ({@link Next#STOP}). Blocks while paused.
     */
    public Next betweenSteps(Handler handler) throws IOException, InterruptedException {
        while (true) {
            List<Control.Request> requests = control.poll();
            for (int i = 0; i < requests.size(); i++) {
                if (act(requests.get(i), handler) == Next.STOP) {
                    for (Control.Request later : requests.subList(i + 1, requests.size())) {
                        ack(later.word(), "ignored", "the run is stopping");
                    }
                    paused = false;
                    return Next.STOP;
                }
            }
            if (!paused) {
                return Next.CONTINUE;
            }
            Thread.sleep(pausePollMillis);
        }
    }

    /** True between an acknowledged {@code pause} and its {@code resume}. */
    public boolean isPaused() {
        return paused;
    }

    private Next act(Control.Request r, Handler handler) throws IOException {
        if (r.command() == null) {
            ack(r.word(), "ignored", "unknown command '" + r.word() + "' (file " + r.fileName()
                    + "); known: pause, resume, save, sample, stop");
            return Next.CONTINUE;
        }
        switch (r.command()) {
            case PAUSE -> {
                if (paused) {
                    ack(r.word(), "ignored", "already paused");
                } else {
                    paused = true;
                    ack(r.word(), "paused", null);
                }
            }
            case RESUME -> {
                if (paused) {
                    paused = false;
                    ack(r.word(), "resumed", null);
                } else {
                    ack(r.word(), "ignored", "not paused");
                }
            }
            case SAVE -> run(r, "saved", handler::saveNow);
            case SAMPLE -> run(r, "sampled", handler::sampleNow);
            case STOP -> {
                ack(r.word(), "stopping", null);
                return Next.STOP;
            }
        }
        return Next.CONTINUE;
    }

    private interface Action {
        void run() throws Exception;
    }

    private void run(Control.Request r, String outcome, Action action) throws IOException {
        try {
            action.run();
            ack(r.word(), outcome, null);
        } catch (Exception e) {
            // The run goes on: a failed "save now" must not end hours of training; the ack says why.
            ack(r.word(), "failed", String.valueOf(e.getMessage() == null ? e : e.getMessage()));
        }
    }

    private void ack(String command, String outcome, String message) throws IOException {
        events.write(new Event.ControlAck(System.currentTimeMillis(), command, outcome, message));
    }
}
