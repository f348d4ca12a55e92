package org.danlu.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.danlu.engine.run.Event;
import org.danlu.engine.run.EventWriter;
import org.danlu.engine.run.ProcessId;
import org.danlu.engine.run.RunDir;
import org.danlu.engine.run.TrainerLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code danlu runs} and {@code danlu monitor} on real run directories written through the engine API. */
@Timeout(30)
class RunCommandsTest {
    @TempDir Path ws;

    record Result(int code, String out, String err) {}

    private Result danlu(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneId.systemDefault());
    }

    /** A run as a trainer leaves it: start at t0, {@code steps} steps 2 s apart, then {@code end}. */
    private RunDir run(String name, String t0, int steps, Event.End.Status end) throws Exception {
        RunDir run = RunDir.create(ws, name, "# cfg\n", at(t0));
        long t = Instant.parse(t0).toEpochMilli();
        try (EventWriter w = EventWriter.open(run)) {
            w.write(new Event.Start(t, name, 100, 10, 10, List.of(), "cpu", "float32"));
            for (int i = 1; i <= steps; i++) {
                w.write(new Event.Step(t + 2000L * i, i, (i - 1) / 10 + 1, 1.0 / i, 0.5, Map.of("unet", 1e-4), 2.0, null));
            }
            if (end != null) {
                w.write(new Event.End(t + 2000L * steps + 1000, end, end == Event.End.Status.STOPPED ? "stopped by the user" : null));
            }
        }
        return run;
    }

    /** A run whose trainer died: events without an end, and a lock naming an exited process. */
    private RunDir crashed(String t0) throws Exception {
        RunDir run = run("crash", t0, 4, null);
        Process p = new ProcessBuilder("true").start();
        ProcessId dead = ProcessId.of(p.toHandle());
        p.waitFor();
        Files.writeString(run.lockFile(), "{\"pid\":" + dead.pid() + ",\"start_millis\":" + dead.startMillis() + "}\n");
        Files.writeString(run.trainerLog(), "step 4\njava.lang.OutOfMemoryError: Java heap space\n");
        return run;
    }

    @Test
    void runsListsEveryRunWithItsStatus() throws Exception {
        assertTrue(danlu("runs", "--workspace", ws.toString()).out().startsWith("No runs in "));
        RunDir done = run("dog", "2026-11-22T10:00:00Z", 100, Event.End.Status.DONE);
        RunDir stopped = run("cat", "2026-11-22T11:00:00Z", 20, Event.End.Status.STOPPED);
        RunDir crash = crashed("2026-11-22T12:00:00Z");
        Result r = danlu("runs", "--workspace", ws.toString());
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(4, lines.length, r.out());
        assertTrue(lines[0].matches("ID +NAME +STATUS +STEP +LOSS +STARTED +DURATION"), lines[0]);
        // dog: 100 steps 2 s apart and end 1 s later = 201 s = 3:21; last loss 1/100.
        assertTrue(lines[1].startsWith(done.id()) && lines[1].matches(".* dog +done +100/100 +0\\.0100 .* 3:21"), lines[1]);
        assertTrue(lines[2].startsWith(stopped.id()) && lines[2].matches(".* cat +stopped +20/100 +0\\.0500 .* 0:41"), lines[2]);
        // crash: no end event and its trainer is gone, so failed; duration up to its last event (8 s).
        assertTrue(lines[3].startsWith(crash.id()) && lines[3].matches(".* crash +failed +4/100 +0\\.2500 .* 0:08"), lines[3]);
    }

    @Test
    void monitorExitsWithTheRunsStatus() throws Exception {
        RunDir done = run("dog", "2026-11-22T10:00:00Z", 100, Event.End.Status.DONE);
        RunDir stopped = run("cat", "2026-11-22T11:00:00Z", 20, Event.End.Status.STOPPED);
        RunDir crash = crashed("2026-11-22T12:00:00Z");

        Result d = danlu("monitor", done.id(), "--workspace", ws.toString(), "--every", "50");
        assertEquals(0, d.code(), d.out() + d.err());
        assertTrue(d.out().contains("start dog: 100 steps, 10 epochs of 10 batches, cpu float32"), d.out());
        assertEquals(2, d.out().lines().filter(l -> l.startsWith("dog done") || l.startsWith("dog running")).count(),
                "line mode: a progress line at steps 50 and 100: " + d.out());
        assertTrue(d.out().contains("run " + done.id() + " done"), d.out());

        Result s = danlu("monitor", "cat", "--workspace", ws.toString());
        assertEquals(3, s.code(), s.out());
        assertTrue(s.out().contains("run " + stopped.id() + " stopped: stopped by the user"), s.out());

        Result f = danlu("monitor", "crash", "--workspace", ws.toString());
        assertEquals(1, f.code(), f.out());
        assertTrue(f.out().contains("run " + crash.id() + " failed: the trainer (pid "), f.out());
        assertTrue(f.out().contains("last lines of " + crash.trainerLog() + ":\n  step 4\n  java.lang.OutOfMemoryError: Java heap space"), f.out());
    }

    @Test
    void monitorFollowsALiveRunToItsEnd() throws Exception {
        RunDir run = RunDir.create(ws, "live", null);
        CompletableFuture<Void> trainer = CompletableFuture.runAsync(() -> {
            // This thread is the trainer: it holds the lock, so the monitor sees a live run.
            try (TrainerLock lock = TrainerLock.acquire(run); EventWriter w = EventWriter.open(run)) {
                w.write(new Event.Start(System.currentTimeMillis(), "live", 6, 1, 6, List.of(), "cpu", "float32"));
                for (int i = 1; i <= 6; i++) {
                    Thread.sleep(100);
                    w.write(new Event.Step(System.currentTimeMillis(), i, 1, 0.5, 0.5, Map.of(), 0.1, null));
                }
                w.write(new Event.Save(System.currentTimeMillis(), "output/live.safetensors", 6));
                w.write(new Event.End(System.currentTimeMillis(), Event.End.Status.DONE, null));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Result r = danlu("monitor", "latest", "--workspace", ws.toString(), "--every", "2");
        trainer.get(5, TimeUnit.SECONDS);
        assertEquals(0, r.code(), r.out() + r.err());
        List<String> progress = r.out().lines().filter(l -> l.startsWith("live ")).toList();
        assertEquals(3, progress.size(), r.out());
        assertTrue(progress.get(0).contains(" 2/6 ") && progress.get(2).contains(" 6/6 "), progress.toString());
        assertTrue(r.out().contains("saved output/live.safetensors (step 6)"), r.out());
    }

    @Test
    void anUnknownRunIsAClearError() throws Exception {
        run("dog", "2026-11-22T10:00:00Z", 1, Event.End.Status.DONE);
        Result r = danlu("monitor", "horse", "--workspace", ws.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("danlu monitor: no run 'horse' in "), r.err());
    }
}
