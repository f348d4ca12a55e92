package org.danlu.engine.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.danlu.engine.run.Event;
import org.danlu.engine.run.RunDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchDeterminismTest {
    @TempDir
    Path dir;

    @Test
    void twoRuns() throws Exception {
        Path model = TrainFixture.model(dir);
        Path train = TrainFixture.dataset(dir);
        String extra = System.getenv().getOrDefault("DANLU_EXTRA", "max_train_steps = 60\n").replace("\\n", "\n");
        Path cfg = TrainFixture.config(dir, model, train, extra);
        List<List<Double>> curves = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            TrainRequest req = TrainRequest.read(cfg, null, dir);
            RunDir run = TrainRun.create(dir, req);
            List<Double> losses = new ArrayList<>();
            TrainRun.run(run, req, null, e -> {
                if (e instanceof Event.Step s) {
                    losses.add(s.loss());
                } else if (e instanceof Event.Error er) {
                    System.out.println(er.message());
                }
            });
            curves.add(losses);
        }
        for (int i = 0; i < Math.min(curves.get(0).size(), curves.get(1).size()); i++) {
            if (!curves.get(0).get(i).equals(curves.get(1).get(i))) {
                System.out.println("DIVERGE at step " + (i + 1) + ": " + curves.get(0).get(i) + " vs " + curves.get(1).get(i));
                break;
            }
        }
        System.out.println("CURVE0 " + curves.get(0).subList(0, Math.min(10, curves.get(0).size())));
        System.out.println("CURVE1 " + curves.get(1).subList(0, Math.min(10, curves.get(1).size())));
    }
}
