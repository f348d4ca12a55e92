package org.danlu.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.danlu.engine.run.Event;
import org.danlu.engine.run.RunDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A LoRA trained on the tiny fixture model on the CPU learns: the loss falls, and the same seed repeats it. */
class TrainerLossTest {

    @TempDir
    Path dir;

    @Test
    void aShortRunLowersTheLoss() throws Exception {
        Path model = TrainFixture.model(dir);
        Path train = TrainFixture.dataset(dir);
        Path cfg = TrainFixture.config(dir, model, train, "max_train_steps = 200\nnetwork_train_unet_only = true\n");
        TrainRequest req = TrainRequest.read(cfg, null, dir);
        RunDir run = TrainRun.create(dir, req);
        List<Double> losses = new ArrayList<>();
        long t0 = System.currentTimeMillis();
        Event.End.Status status = TrainRun.run(run, req, null, e -> {
            if (e instanceof Event.Step s) {
                losses.add(s.loss());
            } else if (!(e instanceof Event.Step)) {
                System.out.println(e);
            }
        });
        System.out.println("200 steps in " + (System.currentTimeMillis() - t0) + " ms");
        assertEquals(Event.End.Status.DONE, status, () -> TrainFixture.log(run));
        assertEquals(200, losses.size());
        double first = losses.subList(0, 20).stream().mapToDouble(d -> d).average().orElseThrow();
        double last = losses.subList(180, 200).stream().mapToDouble(d -> d).average().orElseThrow();
        System.out.println("mean loss first 20 " + first + ", last 20 " + last);
        assertTrue(last < first * 0.9, "loss did not fall: first 20 " + first + ", last 20 " + last);
    }
}
