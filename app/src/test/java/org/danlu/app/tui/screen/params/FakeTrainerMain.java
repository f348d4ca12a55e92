package org.danlu.app.tui.screen.params;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.danlu.engine.run.Event;
import org.danlu.engine.run.EventWriter;
import org.danlu.engine.run.RunDir;
import org.danlu.engine.run.TrainerLock;

/**
 * A stand-in trainer process for the Params start test (the real trainer is another area's work):
 * takes the run's lock, checks that the config the studio wrote is there, and writes a short run
 * through the engine's EventWriter. Args: the run directory.
 */
public final class FakeTrainerMain {
    private FakeTrainerMain() {
    }

    public static void main(String[] args) throws Exception {
        RunDir run = new RunDir(Path.of(args[0]));
        try (TrainerLock lock = TrainerLock.acquire(run); EventWriter w = EventWriter.open(run)) {
            String toml = Files.readString(run.configFile());
            w.write(new Event.Start(System.currentTimeMillis(), "fake", 3, 1, 3, List.of(), "cpu", "fp32"));
            w.write(new Event.Log(System.currentTimeMillis(), "info", "config has output_dir: " + toml.contains("output_dir")));
            for (int i = 1; i <= 3; i++) {
                w.write(new Event.Step(System.currentTimeMillis(), i, 1, 1.0 / i, 1.0 / i, Map.of("unet", 1e-4), 0.1, null));
            }
            w.write(new Event.End(System.currentTimeMillis(), Event.End.Status.DONE, null));
        }
    }
}
