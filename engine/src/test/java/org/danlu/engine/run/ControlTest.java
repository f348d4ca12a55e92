package org.danlu.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class ControlTest {
    @TempDir Path ws;

    /** Counts what the trainer was asked to do; a save can be made to fail. */
    static final class Recorder implements ControlLoop.Handler {
        final AtomicInteger saves = new AtomicInteger();
        final AtomicInteger samples = new AtomicInteger();
        volatile boolean failSave;
        @Override public void saveNow() throws IOException {
            if (failSave) throw new IOException("disk full");
            saves.incrementAndGet();
        }
        @Override public void sampleNow() { samples.incrementAndGet(); }
    }

    private List<Event.ControlAck> acks(RunDir run) throws IOException {
        return EventTail.readAll(run.eventsFile()).events().stream()
                .filter(e -> e instanceof Event.ControlAck).map(e -> (Event.ControlAck) e).toList();
    }

    @Test
    void commandsAreConsumedInOrderAndTempFilesIgnored() throws Exception {
        RunDir run = RunDir.create(ws, "c", null);
        Control ui = new Control(run);
        ui.send(ControlCommand.SAVE);
        ui.send(ControlCommand.SAMPLE);
        ui.send(ControlCommand.STOP);
        Files.writeString(run.controlDir().resolve(".stop.123.tmp"), "half"); // a sender mid-write
        assertEquals(3, ui.pending().size());
        assertTrue(ui.pending().get(0).getFileName().toString().endsWith("-save.cmd"));
        List<Control.Request> got = new Control(run).poll();
        assertEquals(List.of(ControlCommand.SAVE, ControlCommand.SAMPLE, ControlCommand.STOP),
                got.stream().map(Control.Request::command).toList());
        assertTrue(ui.pending().isEmpty(), "consumed files are deleted");
        assertTrue(Files.exists(run.controlDir().resolve(".stop.123.tmp")), "temp files are left alone");
        assertEquals(List.of(), new Control(run).poll());
    }

    @Test
    void aShellTouchWorksAndUnknownCommandsAreAcknowledgedAsIgnored() throws Exception {
        RunDir run = RunDir.create(ws, "c", null);
        Files.createFile(run.controlDir().resolve("sample"));
        Files.createFile(run.controlDir().resolve("explode"));
        Recorder r = new Recorder();
        try (EventWriter w = EventWriter.open(run)) {
            assertEquals(ControlLoop.Next.CONTINUE, new ControlLoop(new Control(run), w).betweenSteps(r));
        }
        assertEquals(1, r.samples.get());
        List<Event.ControlAck> acks = acks(run);
        assertEquals(2, acks.size());
        Event.ControlAck unknown = acks.stream().filter(a -> a.command().equals("explode")).findFirst().orElseThrow();
        assertEquals("ignored", unknown.outcome());
        assertTrue(unknown.message().contains("known: pause, resume, save, sample, stop"), unknown.message());
    }

    @Test
    void pauseBlocksUntilResumeAndSaveStillWorksWhilePaused() throws Exception {
        RunDir run = RunDir.create(ws, "c", null);
        Control ui = new Control(run);
        Recorder r = new Recorder();
        try (EventWriter w = EventWriter.open(run)) {
            ControlLoop loop = new ControlLoop(new Control(run), w, Duration.ofMillis(5));
            ui.send(ControlCommand.RESUME); // not paused: ignored
            ui.send(ControlCommand.PAUSE);
            CompletableFuture<ControlLoop.Next> between = CompletableFuture.supplyAsync(() -> {
                try {
                    return loop.betweenSteps(r);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(150);
            assertFalse(between.isDone(), "paused: the trainer waits between steps");
            assertTrue(loop.isPaused());
            ui.send(ControlCommand.SAVE);
            ui.send(ControlCommand.PAUSE);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (r.saves.get() == 0 && System.nanoTime() < end) Thread.sleep(5);
            assertEquals(1, r.saves.get(), "save honoured while paused");
            assertFalse(between.isDone());
            ui.send(ControlCommand.RESUME);
            assertEquals(ControlLoop.Next.CONTINUE, between.get(5, TimeUnit.SECONDS));
            assertFalse(loop.isPaused());
        }
        assertEquals(List.of("resume:ignored", "pause:paused", "save:saved", "pause:ignored", "resume:resumed"),
                acks(run).stream().map(a -> a.command() + ":" + a.outcome()).toList());
    }

    @Test
    void stopEndsAPauseAndLaterCommandsAreIgnored() throws Exception {
        RunDir run = RunDir.create(ws, "c", null);
        Control ui = new Control(run);
        Recorder r = new Recorder();
        r.failSave = true;
        ui.send(ControlCommand.PAUSE);
        ui.send(ControlCommand.SAVE);
        ui.send(ControlCommand.STOP);
        ui.send(ControlCommand.SAMPLE);
        try (EventWriter w = EventWriter.open(run)) {
            ControlLoop loop = new ControlLoop(new Control(run), w, Duration.ofMillis(5));
            assertEquals(ControlLoop.Next.STOP, loop.betweenSteps(r));
            assertFalse(loop.isPaused());
        }
        List<Event.ControlAck> acks = acks(run);
        assertEquals(List.of("pause:paused", "save:failed", "stop:stopping", "sample:ignored"),
                acks.stream().map(a -> a.command() + ":" + a.outcome()).toList());
        assertEquals("disk full", acks.get(1).message(), "a failed save says why and the run goes on");
        assertEquals(0, r.samples.get());
        assertEquals(RunStatus.RUNNING, RunSummary.of(List.copyOf(acks)).status(), "stopping is still running until end");
    }
}
