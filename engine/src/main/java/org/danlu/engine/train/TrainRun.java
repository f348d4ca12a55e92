package org.danlu.engine.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.danlu.engine.run.Event;
import org.danlu.engine.run.RunDir;
import org.danlu.engine.run.TrainerSession;

/**
 * Runs a training request in a run directory: takes the run's lock, trains, and makes sure the run ends with an
 * {@code end} event whatever happens — an exception becomes {@code error} + {@code end failed}, an out-of-memory
 * error names the settings that lower memory. Used by {@code danlu train} in the foreground and by the detached
 * trainer process.
 */
public final class TrainRun {

    private TrainRun() {
    }

    /** Creates {@code runs/<id>/} in the workspace for a request, with its config.toml. */
    public static RunDir create(Path workspace, TrainRequest request) throws IOException {
        String name = request.config().outputName() == null ? "lora" : request.config().outputName();
        return RunDir.create(workspace, name, request.configText());
    }

    /** Trains to the end; returns how the run ended. */
    public static Event.End.Status run(RunDir run, TrainRequest request, SampleHook.Factory samples,
                                       Consumer<Event> observer) throws IOException {
        try (TrainerSession session = TrainerSession.open(run)) {
            for (String w : request.warnings()) {
                session.events().log("warn", w);
            }
            try {
                Trainer.train(request.config(), request.datasetConfig(), session, samples, observer);
            } catch (Exception | OutOfMemoryError e) {
                Throwable reported = outOfMemory(e) ? new IllegalStateException(oomMessage(request, e), e) : e;
                logStackTrace(run, e);
                session.fail(reported);
                if (observer != null) {
                    observer.accept(new Event.Error(System.currentTimeMillis(), reported.getMessage()));
                }
                return Event.End.Status.FAILED;
            }
            return session.hasEnded() ? endStatus(run) : Event.End.Status.FAILED;
        }
    }

    /** The full trace goes to trainer.log; the event carries the one-line message. */
    private static void logStackTrace(RunDir run, Throwable e) {
        java.io.StringWriter w = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(w));
        try {
            java.nio.file.Files.writeString(run.trainerLog(), w.toString(), java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // the error event still says what failed
        }
    }

    private static Event.End.Status endStatus(RunDir run) throws IOException {
        var s = org.danlu.engine.run.RunWatch.read(run);
        return switch (s.status()) {
            case DONE -> Event.End.Status.DONE;
            case STOPPED -> Event.End.Status.STOPPED;
            default -> Event.End.Status.FAILED;
        };
    }

    static boolean outOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
            String m = t.getMessage();
            if (m != null && (m.contains("out of memory") || m.contains("CUDA error: out of memory")
                    || m.contains("DefaultCPUAllocator: can't allocate memory"))) {
                return true;
            }
        }
        return false;
    }

    static String oomMessage(TrainRequest request, Throwable e) {
        var c = request.config();
        return "out of memory (" + e.getMessage() + "). Lower, in this order: train_batch_size (now "
                + c.trainBatchSize() + "), resolution (now " + c.resolution() + "), network_dim (now " + c.networkDim()
                + "); turn on cache_latents and mixed_precision = \"fp16\" on a GPU; use network_train_unet_only = true";
    }
}
