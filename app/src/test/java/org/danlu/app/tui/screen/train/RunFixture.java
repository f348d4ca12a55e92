package org.danlu.app.tui.screen.train;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.danlu.app.tui.Studio;
import org.danlu.app.tui.TrainingScreens;
import org.danlu.app.tui.VirtualStudio;
import org.danlu.app.tui.screen.placeholder.ComingScreen;
import org.danlu.engine.run.Event;
import org.danlu.engine.run.EventWriter;
import org.danlu.engine.run.RunDir;

/** Real run directories written through the engine's own writer, and a studio with the training screens. */
public final class RunFixture {
    private RunFixture() {
    }

    /** A run created at a fixed time (ids sort by it), with its folders and no config. */
    public static RunDir create(Path workspace, String name, String isoTime) throws IOException {
        Clock clock = Clock.fixed(Instant.parse(isoTime), ZoneId.of("UTC"));
        return RunDir.create(workspace, name, null, clock);
    }

    public static Event.Start start(String name, int total, int epochs) {
        return new Event.Start(System.currentTimeMillis(), name, total, epochs, total / epochs,
                List.of(new Event.Bucket(512, 512, 10)), "cpu", "fp32");
    }

    /** Step {@code n} of a run whose loss falls as 1/n, with a unet and a text encoder LR. */
    public static Event.Step step(int n, int stepsPerEpoch) {
        return new Event.Step(System.currentTimeMillis(), n, (n - 1) / stepsPerEpoch + 1, 1.0 / n, 1.0 / n,
                Map.of("unet", 1e-4, "text_encoder", 5e-5), 0.25, 1L << 30);
    }

    public static void steps(EventWriter w, int from, int to, int stepsPerEpoch) throws IOException {
        for (int n = from; n <= to; n++) {
            w.write(step(n, stepsPerEpoch));
        }
    }

    /** A studio with the three dataset places kept by placeholders and the real training screens. */
    public static TrainingScreens[] studio(Studio s, Path workspace) {
        s.addScreen(new ComingScreen("screen.dataset", s.messages()));
        s.addScreen(new ComingScreen("screen.tags", s.messages()));
        s.addScreen(new ComingScreen("screen.buckets", s.messages()));
        return new TrainingScreens[] {TrainingScreens.add(s, workspace, null, org.danlu.app.tui.screen.params.ParamsScreen.DANLU_TRAIN,
                workspace.resolve("presets"))};
    }

    /** Frames until {@code done} holds (the event tail posts from its own thread), at most 10 s. */
    public static void until(VirtualStudio ui, BooleanSupplier done, String what) throws IOException {
        long end = System.currentTimeMillis() + 10_000;
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out waiting for " + what + "; screen:\n" + ui.text());
            }
            ui.settle();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        ui.settle();
    }
}
