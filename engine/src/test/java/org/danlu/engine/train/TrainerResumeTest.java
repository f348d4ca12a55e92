package org.danlu.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.danlu.engine.run.Event;
import org.danlu.engine.run.EventCodec;
import org.danlu.engine.run.LaunchSpec;
import org.danlu.engine.run.Launcher;
import org.danlu.engine.run.RunDir;
import org.danlu.engine.tensor.SafetensorsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resume is exact: a real trainer process killed with SIGKILL in the middle of an epoch, resumed from its last
 * state, ends with the same LoRA weights (bit for bit) as an uninterrupted run with the same seed. Also checks the
 * files and events a run with saves leaves behind.
 */
class TrainerResumeTest {

    @TempDir
    Path dir;

    private static final String SAVES = """
            max_train_steps = 30
            save_every_n_steps = 10
            save_last_n_steps = 10
            save_state = true
            """;

    @Test
    void resumeAfterSigkillGivesTheWeightsOfAnUninterruptedRun() throws Exception {
        Path model = TrainFixture.model(dir);
        Path train = TrainFixture.dataset(dir);
        Path cfg = TrainFixture.config(dir, model, train, SAVES);

        // 1. uninterrupted, in a trainer process like the others (the same torch thread count: float sums in
        //    another order would differ in the last bits)
        TrainRequest req = TrainRequest.read(cfg, null, dir);
        RunDir full = TrainRun.create(dir, req);
        assertEquals(0, trainToEnd(cfg, full), () -> TrainFixture.log(full));
        // kohya names, and save_last_n_steps = 10 with every 10 keeps only the newest step file (step 10 is deleted)
        assertTrue(Files.isRegularFile(full.outputDir().resolve("tiny.safetensors")));
        assertTrue(Files.isRegularFile(full.outputDir().resolve("tiny-step00000020.safetensors")));
        assertTrue(Files.notExists(full.outputDir().resolve("tiny-step00000010.safetensors")));
        List<Event> events = events(full);
        assertTrue(events.get(0) instanceof Event.Start);
        assertEquals(30, events.stream().filter(e -> e instanceof Event.Step).count());
        assertTrue(events.get(events.size() - 1) instanceof Event.End end && end.status() == Event.End.Status.DONE);

        // 2. a real trainer process, killed once its step-20 state is on disk (mid-epoch: 174 batches per epoch)
        RunDir killed = TrainRun.create(dir, req);
        Launcher.Launched l = Launcher.launch(killed, LaunchSpec.of(TrainProcessMain.class.getName(),
                List.of(cfg.toString(), killed.path().toString(), dir.toString())));
        Path state20 = killed.stateDir().resolve("tiny-step00000020-state");
        long deadline = System.currentTimeMillis() + 240_000;
        while (!Files.isRegularFile(state20.resolve(StateStore.STATE)) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        ProcessHandle.of(l.process().pid()).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL
        assertTrue(Files.isRegularFile(state20.resolve(StateStore.STATE)), () -> TrainFixture.log(killed));
        // the same seed and data give the same loss curve, in another process too
        List<Double> fullLoss = losses(full);
        List<Double> killedLoss = losses(killed);
        assertTrue(killedLoss.size() >= 20, "killed run logged " + killedLoss.size() + " steps");
        assertEquals(fullLoss.subList(0, 20), killedLoss.subList(0, 20));
        TrainState st = StateStore.read(state20);
        assertEquals(20, st.globalStep());
        assertEquals(1, st.epoch());
        assertEquals(20, st.nextBatch()); // one batch per optimizer step (no accumulation)
        // 3. resume in a new run
        Path resumeCfg = TrainFixture.config(Files.createDirectories(dir.resolve("resume")), model, train, SAVES + "resume = \"" + state20 + "\"\n");
        TrainRequest again = TrainRequest.read(resumeCfg, null, dir);
        RunDir resumed = TrainRun.create(dir, again);
        assertEquals(0, trainToEnd(resumeCfg, resumed), () -> TrainFixture.log(resumed));
        assertEquals(10, events(resumed).stream().filter(e -> e instanceof Event.Step).count());

        Map<String, float[]> a = weights(full.stateDir().resolve("tiny-state").resolve(StateStore.MODEL));
        Map<String, float[]> b = weights(resumed.stateDir().resolve("tiny-state").resolve(StateStore.MODEL));
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) {
            assertArrayEquals(a.get(k), b.get(k), k);
        }
    }

    private static List<Event> events(RunDir run) throws Exception {
        return Files.readAllLines(run.eventsFile()).stream().map(EventCodec::decode).toList();
    }

    /** Runs a trainer process for the run to its end; returns its exit code. */
    private int trainToEnd(Path cfg, RunDir run) throws Exception {
        Launcher.Launched l = Launcher.launch(run, LaunchSpec.of(TrainProcessMain.class.getName(),
                List.of(cfg.toString(), run.path().toString(), dir.toString())));
        ProcessHandle h = ProcessHandle.of(l.process().pid()).orElseThrow();
        h.onExit().get(240, java.util.concurrent.TimeUnit.SECONDS);
        return Files.readAllLines(run.eventsFile()).stream().map(EventCodec::decode)
                .anyMatch(e -> e instanceof Event.End end && end.status() == Event.End.Status.DONE) ? 0 : 1;
    }

    private static List<Double> losses(RunDir run) throws Exception {
        return events(run).stream().filter(e -> e instanceof Event.Step).map(e -> ((Event.Step) e).loss()).toList();
    }

    private static Map<String, float[]> weights(Path f) throws Exception {
        Map<String, float[]> out = new TreeMap<>();
        try (SafetensorsFile sf = SafetensorsFile.open(f); NDManager m = NDManager.newBaseManager()) {
            for (String k : sf.tensors().keySet()) {
                out.put(k, sf.load(k, m, DataType.FLOAT32).toFloatArray());
            }
        }
        return out;
    }
}
