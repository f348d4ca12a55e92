package org.danlu.app.tui.screen.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.danlu.app.tui.TrainingScreens;
import org.danlu.app.tui.VirtualStudio;
import org.danlu.app.tui.screen.train.RunFixture;
import org.danlu.engine.run.Event;
import org.danlu.engine.run.EventWriter;
import org.danlu.engine.run.RunDir;
import org.danlu.engine.run.TrainerLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Runs screen on an 80x24 virtual terminal over real run directories: one finished run and one
 * held by a real {@link TrainerLock} in this JVM (so a trainer is alive for it).
 */
class RunsScreenTest {
    @TempDir
    Path ws;

    private RunDir finished;
    private RunDir running;

    private void twoRuns() throws Exception {
        finished = RunFixture.create(ws, "old-dog", "2026-11-21T10:00:00Z");
        try (EventWriter w = EventWriter.open(finished)) {
            w.write(RunFixture.start("old-dog", 20, 2));
            RunFixture.steps(w, 1, 20, 10);
            w.write(new Event.Save(System.currentTimeMillis(), "output/old-dog.safetensors", 20));
            w.write(new Event.End(System.currentTimeMillis(), Event.End.Status.DONE, null));
        }
        running = RunFixture.create(ws, "new-cat", "2026-11-22T10:00:00Z");
        try (EventWriter w = EventWriter.open(running)) {
            w.write(RunFixture.start("new-cat", 100, 10));
            RunFixture.steps(w, 1, 7, 10);
        }
    }

    private static TrainingScreens open(VirtualStudio ui, TrainingScreens[] ts) throws Exception {
        ui.type("6");
        RunFixture.until(ui, () -> ts[0].runs().runIds().size() == 2, "two runs listed");
        return ts[0];
    }

    @Test
    void listsRunsNewestFirstWithStatusStepAndLoss() throws Exception {
        twoRuns();
        TrainingScreens[] ts = new TrainingScreens[1];
        try (TrainerLock lock = TrainerLock.acquire(running);
             VirtualStudio ui = new VirtualStudio(80, 24, "en", s -> ts[0] = RunFixture.studio(s, ws)[0])) {
            open(ui, ts);
            List<String> rows = ui.rows();
            assertTrue(rows.get(1).contains("Run") && rows.get(1).contains("Status") && rows.get(1).contains("Loss"), rows.get(1));
            // Loss of step n is 1/n: 1/7 = 0.1429 for the running one, 1/20 = 0.0500 for the done one.
            assertTrue(rows.get(2).matches(".*20261122-100000-new-cat +running +7/100 +0\\.1429 .*"), rows.get(2));
            assertTrue(rows.get(3).matches(".*20261121-100000-old-dog +done +20/20 +0\\.0500 .*"), rows.get(3));
            assertTrue(ui.text().contains("Loss  ⣿ raw  ⣿ smoothed"), ui.text());
            // The chart of the selected (running) run arrives from a worker: braille dots appear.
            RunFixture.until(ui, () -> ui.text().codePoints().anyMatch(cp -> cp > 0x2800 && cp <= 0x28ff), "loss curve");
        }
    }

    @Test
    void refusesToDeleteARunningRunAndDeletesAFinishedOneAfterYes() throws Exception {
        twoRuns();
        TrainingScreens[] ts = new TrainingScreens[1];
        try (TrainerLock lock = TrainerLock.acquire(running);
             VirtualStudio ui = new VirtualStudio(80, 24, "en", s -> ts[0] = RunFixture.studio(s, ws)[0])) {
            open(ui, ts);
            ui.type("D"); // the running run is selected first (newest)
            assertTrue(ui.rows().get(23).contains("Still training"), ui.rows().get(23));
            assertFalse(ui.text().contains("Delete this run?"), "no confirmation offered for a running run");
            assertTrue(Files.isDirectory(running.path()));

            ui.type("j").type("D");
            assertTrue(ui.text().contains("Delete this run?"), ui.text());
            assertTrue(ui.text().contains("1 LoRA file(s). No undo."), ui.text());
            ui.type("n");
            assertTrue(Files.isDirectory(finished.path()), "n keeps the run");
            ui.type("D").type("y");
            RunFixture.until(ui, () -> !Files.exists(finished.path()), "the finished run deleted");
            RunFixture.until(ui, () -> ts[0].runs().runIds().equals(List.of(running.id())), "the list refreshed");
            assertTrue(Files.isDirectory(running.path()), "the running run is untouched");
        }
    }

    @Test
    void twoMarkedRunsShareOneChartAndEnterOpensTrain() throws Exception {
        twoRuns();
        TrainingScreens[] ts = new TrainingScreens[1];
        try (TrainerLock lock = TrainerLock.acquire(running);
             VirtualStudio ui = new VirtualStudio(80, 24, "en", s -> ts[0] = RunFixture.studio(s, ws)[0])) {
            open(ui, ts);
            ui.type("c").type("j").type("c");
            String text = ui.text();
            assertTrue(text.contains("Loss (smoothed)  ⣿ " + running.id() + "  ⣿ " + finished.id()), text);
            assertTrue(ui.rows().get(2).startsWith("◆"), ui.rows().get(2));
            assertTrue(ui.rows().get(3).startsWith("◇"), ui.rows().get(3));
            ui.key(com.googlecode.lanterna.input.KeyType.Enter);
            assertEquals(TrainingScreens.TRAIN, ui.studio().currentIndex());
            assertEquals(finished.id(), ts[0].train().attached().orElseThrow().id());
            RunFixture.until(ui, () -> ui.rows().get(1).contains("done"), "the finished run in Train");
            ts[0].train().close();
        }
    }
}
