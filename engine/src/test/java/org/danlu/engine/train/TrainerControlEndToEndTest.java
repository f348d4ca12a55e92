package org.danlu.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.danlu.engine.run.Control;
import org.danlu.engine.run.ControlCommand;
import org.danlu.engine.run.Event;
import org.danlu.engine.run.EventCodec;
import org.danlu.engine.run.LaunchSpec;
import org.danlu.engine.run.Launcher;
import org.danlu.engine.run.RunDir;
import org.danlu.engine.run.RunStatus;
import org.danlu.engine.run.RunWatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run-directory protocol with the real trainer on the tiny fixture, in its own process as `danlu train
 * --detach` starts it: pause holds the loop, save works while paused, resume continues, stop saves and ends the
 * run as stopped, a reader attaching afterwards gets the whole history, and a SIGKILLed trainer reads as failed.
 */
class TrainerControlEndToEndTest {
    @TempDir
    Path dir;

    /** The trainer process of the last {@link #launch}. */
    private Launcher.Launched launched;

    @Test
    void pauseSaveResumeStopThroughControlFiles() throws Exception {
        RunDir run = launch("max_train_steps = 5000\n");
        Control control = new Control(run);
        await(run, e -> e instanceof Event.Step s && s.step() >= 3, "three steps");

        control.send(ControlCommand.PAUSE);
        await(run, ack("pause"), "pause acknowledged");
        long stepsAtPause = steps(run);
        Thread.sleep(1500);
        assertEquals(stepsAtPause, steps(run), "no step while paused");

        control.send(ControlCommand.SAVE);
        await(run, e -> e instanceof Event.Save, "a save while paused");
        assertEquals(stepsAtPause, steps(run), "saving does not unpause");

        control.send(ControlCommand.RESUME);
        await(run, ack("resume"), "resume acknowledged");
        await(run, e -> e instanceof Event.Step s && s.step() >= stepsAtPause + 2, "steps after resume");

        control.send(ControlCommand.STOP);
        await(run, e -> e instanceof Event.End, "the end");
        List<Event> all = events(run);
        Event.End end = (Event.End) all.get(all.size() - 1);
        assertEquals(Event.End.Status.STOPPED, end.status());
        assertTrue(Files.isRegularFile(run.outputDir().resolve("tiny.safetensors")), "stop saves the LoRA");
        assertEquals(RunStatus.STOPPED, RunWatch.read(run).status());
        // a second reader attaching now sees the whole history, from the start event on
        assertTrue(all.get(0) instanceof Event.Start);
        assertEquals(all.stream().filter(e -> e instanceof Event.Step).count(), RunWatch.read(run).step());
    }

    @Test
    void aKilledTrainerReadsAsFailedWithItsLog() throws Exception {
        RunDir run = launch("max_train_steps = 5000\n");
        await(run, e -> e instanceof Event.Step s && s.step() >= 2, "two steps");
        ProcessHandle h = ProcessHandle.of(launched.process().pid()).orElseThrow();
        h.destroyForcibly(); // SIGKILL: no end event, no cleanup
        h.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        long deadline = System.currentTimeMillis() + 10_000;
        while (RunWatch.read(run).status() != RunStatus.FAILED && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(RunStatus.FAILED, RunWatch.read(run).status());
        assertTrue(events(run).stream().noneMatch(e -> e instanceof Event.End), "the killed trainer wrote no end");
        assertTrue(Files.size(run.path().resolve("trainer.log")) > 0, "its log is there to read");
    }

    private RunDir launch(String extra) throws Exception {
        Path model = TrainFixture.model(dir);
        Path train = TrainFixture.dataset(dir);
        Path cfg = TrainFixture.config(dir, model, train, extra + "network_train_unet_only = true\n");
        TrainRequest req = TrainRequest.read(cfg, null, dir);
        RunDir run = TrainRun.create(dir, req);
        launched = Launcher.launch(run, LaunchSpec.of(TrainProcessMain.class.getName(),
                List.of(cfg.toString(), run.path().toString(), dir.toString())));
        return run;
    }

    private static Predicate<Event> ack(String command) {
        return e -> e instanceof Event.ControlAck a && a.command().equals(command);
    }

    private static void await(RunDir run, Predicate<Event> what, String description) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            if (events(run).stream().anyMatch(what)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + description + "; trainer.log:\n" + TrainFixture.log(run));
    }

    private static long steps(RunDir run) throws Exception {
        return events(run).stream().filter(e -> e instanceof Event.Step).count();
    }

    private static List<Event> events(RunDir run) throws Exception {
        if (!Files.exists(run.eventsFile())) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(run.eventsFile());
        // the trainer may be mid-line: only whole lines count
        return lines.stream().filter(l -> l.endsWith("}")).map(EventCodec::decode).toList();
    }
}
