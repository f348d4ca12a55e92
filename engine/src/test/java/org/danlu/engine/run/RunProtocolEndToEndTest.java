package org.danlu.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run protocol with real processes: {@link Launcher} starts {@link ScriptedTrainerMain} as a
 * detached JVM; the test watches it only through the run directory, as a UI would.
 */
class RunProtocolEndToEndTest {
    @TempDir Path workspace;

    /** Collects what a tail delivers, for waiting on from the test thread. */
    static final class Seen implements EventTail.Listener {
        final List<Event> events = new CopyOnWriteArrayList<>();
        final List<EventTail.BadLine> bad = new CopyOnWriteArrayList<>();
        @Override public void onEvent(Event e) { events.add(e); }
        @Override public void onBadLine(EventTail.BadLine b) { bad.add(b); }

        Event await(String what, Predicate<Event> p, Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < end) {
                for (Event e : events) {
                    if (p.test(e)) return e;
                }
                Thread.sleep(20);
            }
            fail("no " + what + " within " + timeout + "; saw " + events);
            return null;
        }
    }

    static Predicate<Event> ack(String command, String outcome) {
        return e -> e instanceof Event.ControlAck a && a.command().equals(command) && a.outcome().equals(outcome);
    }

    private Launcher.Launched launch(RunDir run, int steps, long stepMillis) throws Exception {
        return Launcher.launch(run, LaunchSpec.of(ScriptedTrainerMain.class.getName(),
                List.of(run.path().toString(), Integer.toString(steps), Long.toString(stepMillis))));
    }

    @Test
    @Timeout(30)
    void launchObservePauseResumeSaveSampleStopAndReattach() throws Exception {
        RunDir run = RunDir.create(workspace, "e2e", "network_dim = 8\n");
        Launcher.Launched launched = launch(run, 10_000, 30);
        assertTrue(launched.process().isAlive(), "launch returns with the trainer running");
        Seen seen = new Seen();
        try (EventTail tail = EventTail.start(run, seen)) {
            seen.await("start", e -> e instanceof Event.Start, Duration.ofSeconds(15));
            seen.await("step 3", e -> e instanceof Event.Step s && s.step() >= 3, Duration.ofSeconds(5));

            // The launched pid is the trainer itself (setsid did not fork), and it holds the lock.
            assertEquals(launched.process().pid(), TrainerLock.liveOwner(run).orElseThrow().pid());
            TrainerLock.HeldException held = assertThrows(TrainerLock.HeldException.class, () -> TrainerLock.acquire(run));
            assertTrue(held.getMessage().contains("pid " + launched.process().pid()), held.getMessage());

            Control control = new Control(run);
            control.send(ControlCommand.PAUSE);
            seen.await("pause ack", ack("pause", "paused"), Duration.ofSeconds(5));
            int stepsAtPause = lastStep(seen.events);
            Thread.sleep(400); // >10 step times: a running loop would have moved on
            assertEquals(stepsAtPause, lastStep(seen.events), "no steps while paused");
            assertEquals(RunStatus.PAUSED, RunSummary.of(seen.events).status());

            control.send(ControlCommand.SAVE); // honoured while paused
            seen.await("save ack", ack("save", "saved"), Duration.ofSeconds(5));
            Event.Save save = (Event.Save) seen.await("save", e -> e instanceof Event.Save, Duration.ofSeconds(1));
            assertTrue(Files.exists(run.path().resolve(save.path())), "saved file exists: " + save.path());

            control.send(ControlCommand.RESUME);
            seen.await("resume ack", ack("resume", "resumed"), Duration.ofSeconds(5));
            seen.await("a step after resume", e -> e instanceof Event.Step s && s.step() > stepsAtPause, Duration.ofSeconds(5));

            control.send(ControlCommand.SAMPLE);
            seen.await("sample ack", ack("sample", "sampled"), Duration.ofSeconds(5));
            Event.Sample sample = (Event.Sample) seen.await("sample", e -> e instanceof Event.Sample, Duration.ofSeconds(1));
            assertTrue(Files.size(run.path().resolve(sample.path())) > 0);

            control.send(ControlCommand.STOP);
            Event.End end = (Event.End) seen.await("end", e -> e instanceof Event.End, Duration.ofSeconds(5));
            assertEquals(Event.End.Status.STOPPED, end.status());
            assertTrue(control.pending().isEmpty(), "every command file was consumed");
            assertTrue(seen.bad.isEmpty(), "no bad lines: " + seen.bad);
        }
        waitGone(launched.process());
        assertFalse(Files.exists(run.lockFile()), "the trainer removed its lock on exit");

        // A second monitor attaching after the end sees the whole history, in the same order.
        List<Event> first = EventTail.readAll(run.eventsFile()).events();
        Seen late = new Seen();
        try (EventTail tail = EventTail.start(run, late)) {
            late.await("end", e -> e instanceof Event.End, Duration.ofSeconds(5));
        }
        assertEquals(first, late.events);
        RunSummary summary = RunWatch.read(run);
        assertEquals(RunStatus.STOPPED, summary.status());
        assertTrue(summary.savedFiles().contains("output/scripted.safetensors"), summary.savedFiles().toString());
        assertTrue(Files.readString(run.trainerLog()).contains("stopped"), "trainer stdout goes to trainer.log");
    }

    @Test
    @Timeout(30)
    void sigkilledTrainerIsFailedWithItsLogTail() throws Exception {
        RunDir run = RunDir.create(workspace, "crash", null);
        Launcher.Launched launched = launch(run, 10_000, 30);
        List<Event> events = new CopyOnWriteArrayList<>();
        List<List<String>> finished = new CopyOnWriteArrayList<>();
        try (RunWatch watch = RunWatch.start(run, new RunWatch.Listener() {
            @Override public void onEvent(Event event, RunSummary summary) { events.add(event); }
            @Override public void onFinished(RunSummary summary, List<String> logTail) { finished.add(logTail); }
        })) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (watch.summary().step() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(watch.summary().step() >= 2, "trainer is stepping");
            assertEquals(RunStatus.RUNNING, RunWatch.read(run).status(), "alive run reads as running");

            ProcessHandle.of(launched.process().pid()).orElseThrow().destroyForcibly(); // SIGKILL
            RunSummary end = watch.awaitFinished(Duration.ofSeconds(10)).orElseThrow();
            assertEquals(RunStatus.FAILED, end.status());
            assertTrue(end.endReason().contains("pid " + launched.process().pid()), end.endReason());
            assertEquals(1, finished.size());
            assertTrue(finished.get(0).stream().anyMatch(l -> l.startsWith("step ")),
                    "log tail shows the trainer's last output: " + finished.get(0));
        }
        assertFalse(events.stream().anyMatch(e -> e instanceof Event.End), "the killed trainer wrote no end");
        assertEquals(RunStatus.FAILED, RunWatch.read(run).status(), "a later `danlu runs` agrees");

        // The dead trainer's lock is stale: a resumed trainer takes it over and says so.
        try (TrainerLock lock = TrainerLock.acquire(run)) {
            assertEquals(launched.process().pid(), lock.clearedStale().orElseThrow().pid());
        }
    }

    @Test
    @Timeout(30)
    void runSurvivesTheLaunchingJvmBeingKilledAndItsGroupHungUp() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // bash leads a new process group like a tmux pane's shell; the launching JVM is its child,
        // and bash's `sleep` keeps the group alive after the JVM is killed, so the SIGHUP lands.
        String script = "'" + java + "' -cp '" + System.getProperty("java.class.path") + "' "
                + DetachLauncherMain.class.getName() + " '" + workspace + "' 25 40 & sleep 60";
        Process group = new ProcessBuilder("setsid", "bash", "-c", script)
                .redirectErrorStream(true).start();
        String line;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(group.getInputStream(), StandardCharsets.UTF_8))) {
            line = out.readLine();
            assertTrue(line != null && line.startsWith("RUN "), "launcher said: " + line);
            String[] parts = line.split(" ");
            RunDir run = new RunDir(Path.of(parts[1]));
            long launcherPid = Long.parseLong(parts[2]);
            ProcessId trainer = ProcessId.read(run.launchFile()).orElseThrow();
            assertNotEquals(sessionOf(launcherPid), sessionOf(trainer.pid()), "trainer runs in its own session");

            ProcessHandle launcher = ProcessHandle.of(launcherPid).orElseThrow();
            ProcessId launcherId = ProcessId.of(launcher);
            launcher.destroyForcibly(); // SIGKILL the launching JVM
            waitGone(launcherId);
            Process hup = new ProcessBuilder("kill", "-HUP", "--", "-" + group.pid()).start();
            assertEquals(0, hup.waitFor(), "SIGHUP reached the launcher's process group");
            assertTrue(group.waitFor(5, TimeUnit.SECONDS), "the group's shell died of SIGHUP");

            Seen seen = new Seen();
            try (EventTail tail = EventTail.start(run, seen)) {
                Event.End end = (Event.End) seen.await("end", e -> e instanceof Event.End, Duration.ofSeconds(15));
                assertEquals(Event.End.Status.DONE, end.status(), "the run finished on its own");
            }
            assertEquals(25, RunWatch.read(run).step());
        } finally {
            group.destroyForcibly();
        }
    }

    @Test
    @Timeout(30)
    void withoutSetsidTheNohupFallbackRunsTheTrainerToItsEnd() throws Exception {
        RunDir run = RunDir.create(workspace, "nohup", null);
        Launcher.Launched launched = Launcher.launch(run, LaunchSpec.of(ScriptedTrainerMain.class.getName(),
                List.of(run.path().toString(), "3", "10")), Launcher.Detach.NOHUP);
        assertEquals(Launcher.Detach.NOHUP, launched.detach());
        assertTrue(launched.command().get(0).endsWith("/nohup"), launched.command().toString());
        RunWatch watch = RunWatch.start(run, (event, summary) -> { });
        try (watch) {
            RunSummary end = watch.awaitFinished(Duration.ofSeconds(15)).orElseThrow();
            assertEquals(RunStatus.DONE, end.status());
            assertEquals(3, end.step());
        }
        waitGone(launched.process());
        assertTrue(Files.readString(run.trainerLog()).contains("done"), "output still goes to trainer.log");
    }

    private static int lastStep(List<Event> events) {
        int last = 0;
        for (Event e : events) {
            if (e instanceof Event.Step s) last = s.step();
        }
        return last;
    }

    private static void waitGone(ProcessId p) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(p.isAlive(), p + " should have exited");
    }

    /** Field 6 of /proc/PID/stat: the session id. */
    private static long sessionOf(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[3]); // state ppid pgrp session
    }
}
