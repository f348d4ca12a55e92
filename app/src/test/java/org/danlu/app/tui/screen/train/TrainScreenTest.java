package org.danlu.app.tui.screen.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.danlu.app.tui.TrainingScreens;
import org.danlu.app.tui.VirtualStudio;
import org.danlu.engine.run.Event;
import org.danlu.engine.run.EventWriter;
import org.danlu.engine.run.RunDir;
import org.danlu.engine.run.TrainerLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Train screen on an 80x24 virtual terminal, fed by a real {@code events.jsonl} that the
 * engine's {@link EventWriter} appends to while the screen watches (this JVM holds the run's
 * {@link TrainerLock}, so the run counts as alive).
 */
class TrainScreenTest {
    @TempDir
    Path ws;

    private static String row(VirtualStudio ui, int r) {
        return ui.rows().get(r);
    }

    /** Braille cells in the loss chart area (left pane, rows 4..). */
    private static String chartCells(VirtualStudio ui) {
        StringBuilder b = new StringBuilder();
        for (int r = 3; r < 13; r++) {
            String line = row(ui, r);
            line.codePoints().filter(cp -> cp > 0x2800 && cp <= 0x28ff).forEach(b::appendCodePoint);
        }
        return b.toString();
    }

    @Test
    void chartAndProgressFollowEventsAsTheyArrive() throws Exception {
        RunDir run = RunFixture.create(ws, "shs-dog", "2026-11-22T18:15:00Z");
        TrainingScreens[] ts = new TrainingScreens[1];
        try (TrainerLock lock = TrainerLock.acquire(run);
             EventWriter w = EventWriter.open(run);
             VirtualStudio ui = new VirtualStudio(80, 24, "en", s -> ts[0] = RunFixture.studio(s, ws)[0])) {
            TrainScreen train = ts[0].train();
            w.write(RunFixture.start("shs-dog", 100, 10));
            RunFixture.steps(w, 1, 20, 10);
            train.attach(run);
            ui.type("5");
            RunFixture.until(ui, () -> train.history().map(h -> h.stepCount() == 20).orElse(false), "20 steps");
            String header = row(ui, 1);
            assertTrue(header.startsWith("shs-dog  running  epoch 2/10  step 20/100  cpu fp32"), header);
            assertTrue(row(ui, 2).contains(" 20%  eta 0:20  4.00it/s  loss 0.0500 avg 0.0500"), row(ui, 2));
            String chartBefore = chartCells(ui);
            assertFalse(chartBefore.isEmpty(), "the loss chart draws braille dots:\n" + ui.text());
            assertTrue(ui.text().contains("Loss  ⣿ raw  ⣿ smoothed"), ui.text());
            assertTrue(ui.text().contains("Learning rate"), ui.text());
            assertTrue(ui.text().contains("trainer device memory 1.0 GiB"), ui.text());

            // 40 more steps land in one write burst: folded in far fewer repaints than events.
            int changes = train.changes();
            RunFixture.steps(w, 21, 60, 10);
            w.write(new Event.Save(System.currentTimeMillis(), "output/shs-dog-000006.safetensors", 60));
            RunFixture.until(ui, () -> train.history().get().stepCount() == 60, "60 steps");
            assertTrue(train.changes() - changes < 41, "events are coalesced per frame, got "
                    + (train.changes() - changes) + " repaints for 41 events");
            assertTrue(row(ui, 1).contains("epoch 6/10  step 60/100"), row(ui, 1));
            assertTrue(row(ui, 2).contains(" 60%  eta 0:10"), row(ui, 2));
            assertNotEquals(chartBefore, chartCells(ui), "the chart redraws with the new steps");
            assertTrue(ui.text().contains("shs-dog-000006.safetensors"), ui.text());
            assertTrue(ui.text().contains("saved output/shs-dog-000006.safetensors (step 60)"), "log tail:\n" + ui.text());
        }
    }

    @Test
    void keysDropControlFilesAndStopAsksFirst() throws Exception {
        RunDir run = RunFixture.create(ws, "cat", "2026-11-22T19:00:00Z");
        TrainingScreens[] ts = new TrainingScreens[1];
        try (TrainerLock lock = TrainerLock.acquire(run);
             EventWriter w = EventWriter.open(run);
             VirtualStudio ui = new VirtualStudio(80, 24, "en", s -> ts[0] = RunFixture.studio(s, ws)[0])) {
            TrainScreen train = ts[0].train();
            w.write(RunFixture.start("cat", 50, 5));
            RunFixture.steps(w, 1, 5, 10);
            train.attach(run);
            ui.type("5");
            RunFixture.until(ui, () -> train.history().get().stepCount() == 5, "5 steps");

            ui.type("p");
            RunFixture.until(ui, () -> commands(run).contains("pause"), "a pause file");
            assertTrue(ui.text().contains("Pause sent"), ui.text());
            w.write(new Event.ControlAck(System.currentTimeMillis(), "pause", "paused", null));
            RunFixture.until(ui, () -> row(ui, 1).contains("paused"), "paused in the header");
            ui.type("p");
            RunFixture.until(ui, () -> commands(run).contains("resume"), "a resume file (p while paused)");

            ui.type("x");
            assertTrue(ui.text().contains("Stop training?"), ui.text());
            ui.type("n");
            assertFalse(commands(run).contains("stop"), "no stop without a yes");
            ui.type("x").type("y");
            RunFixture.until(ui, () -> commands(run).contains("stop"), "a stop file");
            ui.type("s").type("m");
            RunFixture.until(ui, () -> commands(run).containsAll(List.of("save", "sample")), "save and sample files");

            w.write(new Event.End(System.currentTimeMillis(), Event.End.Status.STOPPED, "stopped by the user"));
            RunFixture.until(ui, () -> row(ui, 1).contains("stopped"), "stopped in the header");
            ui.type("p");
            assertTrue(ui.rows().get(23).contains("Run ended (stopped)"), ui.rows().get(23));
        }
    }

    @Test
    void detachGoesToRunsAndReattachReplaysTheWholeHistory() throws Exception {
        RunDir run = RunFixture.create(ws, "fox", "2026-11-22T20:00:00Z");
        TrainingScreens[] ts = new TrainingScreens[1];
        try (TrainerLock lock = TrainerLock.acquire(run);
             EventWriter w = EventWriter.open(run);
             VirtualStudio ui = new VirtualStudio(80, 24, "zh", s -> ts[0] = RunFixture.studio(s, ws)[0])) {
            TrainScreen train = ts[0].train();
            w.write(RunFixture.start("fox", 30, 3));
            RunFixture.steps(w, 1, 12, 10);
            // Nothing attached: showing Train picks up the newest run a trainer holds.
            ui.type("5");
            RunFixture.until(ui, () -> train.history().map(h -> h.stepCount() == 12).orElse(false), "auto attach");
            assertTrue(row(ui, 1).contains("训练中"), row(ui, 1));
            ui.type("d");
            assertEquals(TrainingScreens.RUNS, ui.studio().currentIndex());
            assertTrue(train.attached().isEmpty(), "detached");
            RunFixture.steps(w, 13, 18, 10);
            RunFixture.until(ui, () -> ts[0].runs().runIds().contains(run.id()), "the runs list");
            ui.key(KeyType.Enter);
            assertEquals(TrainingScreens.TRAIN, ui.studio().currentIndex());
            RunFixture.until(ui, () -> train.history().map(h -> h.stepCount() == 18).orElse(false), "replay");
            assertEquals(1.0, train.history().get().loss()[0], 0, "the history starts at step 1");
            assertTrue(row(ui, 1).contains("步数 18/30"), row(ui, 1));
        }
    }

    @Test
    void latestSampleShowsAsHalfBlocksWithItsPromptAndSurvivesAResize() throws Exception {
        RunDir run = RunFixture.create(ws, "red", "2026-11-22T21:00:00Z");
        java.awt.image.BufferedImage red = new java.awt.image.BufferedImage(16, 16, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                red.setRGB(x, y, 0xff0000);
            }
        }
        javax.imageio.ImageIO.write(red, "png", run.samplesDir().resolve("000005-0.png").toFile());
        TrainingScreens[] ts = new TrainingScreens[1];
        try (TrainerLock lock = TrainerLock.acquire(run);
             EventWriter w = EventWriter.open(run);
             VirtualStudio ui = new VirtualStudio(80, 24, "en", s -> ts[0] = RunFixture.studio(s, ws)[0])) {
            TrainScreen train = ts[0].train();
            w.write(RunFixture.start("red", 10, 1));
            RunFixture.steps(w, 1, 5, 10);
            w.write(new Event.Sample(System.currentTimeMillis(), "samples/000005-0.png", "a red square", 5));
            train.attach(run);
            ui.type("5");
            RunFixture.until(ui, () -> ui.text().contains("▀"), "the sample preview");
            assertTrue(ui.text().contains("sample @5: a red square"), ui.text());
            com.googlecode.lanterna.TextCharacter px = null;
            for (int r = 0; r < 24 && px == null; r++) {
                for (int c = 0; c < 80; c++) {
                    if (ui.cell(c, r).getCharacterString().equals("▀")) {
                        px = ui.cell(c, r);
                        break;
                    }
                }
            }
            assertEquals(new com.googlecode.lanterna.TextColor.RGB(255, 0, 0), px.getForegroundColor());
            assertEquals(new com.googlecode.lanterna.TextColor.RGB(255, 0, 0), px.getBackgroundColor());

            // A second sample: the newest shows, [ goes back to the first.
            w.write(new Event.Sample(System.currentTimeMillis(), "samples/000006-0.png", "a second one", 6));
            RunFixture.until(ui, () -> ui.text().contains("2/2 sample @6: a second one"), "the newer sample");
            ui.type("[");
            assertTrue(ui.text().contains("1/2 sample @5: a red square"), ui.text());
            ui.type("]");
            assertTrue(ui.text().contains("2/2 sample @6"), ui.text());
            ui.type("[");

            ui.resize(120, 40);
            assertTrue(row(ui, 1).startsWith("red  running  epoch 1/1  step 5/10"), row(ui, 1));
            ui.resize(80, 24);
            RunFixture.until(ui, () -> ui.text().contains("▀"), "the preview again at 80x24");
            assertTrue(row(ui, 2).contains(" 50%"), row(ui, 2));
        }
    }

    @Test
    void aTrainerGoneWithoutEndShowsFailedWithTheEndOfItsLog() throws Exception {
        RunDir run = RunFixture.create(ws, "crash", "2026-11-22T22:00:00Z");
        Files.writeString(run.trainerLog(), "loading model\nstep 3\njava.lang.OutOfMemoryError: CUDA out of memory\n");
        try (EventWriter w = EventWriter.open(run)) {
            w.write(RunFixture.start("crash", 10, 1));
            RunFixture.steps(w, 1, 3, 10);
        } // no end event, and no trainer process holds the run: it died
        TrainingScreens[] ts = new TrainingScreens[1];
        try (VirtualStudio ui = new VirtualStudio(80, 24, "en", s -> ts[0] = RunFixture.studio(s, ws)[0])) {
            ts[0].train().attach(run);
            ui.type("5");
            RunFixture.until(ui, () -> row(ui, 1).contains("failed"), "failed in the header");
            RunFixture.until(ui, () -> ui.text().contains("CUDA out of memory"), "the log tail");
            assertTrue(ui.text().contains("no trainer process for this run"), ui.text());
            assertTrue(row(ui, 1).contains("step 3/10"), "the history up to the crash stays: " + row(ui, 1));
            ts[0].train().close();
        }
    }

    private static List<String> commands(RunDir run) {
        try (Stream<Path> s = Files.list(run.controlDir())) {
            return s.map(p -> p.getFileName().toString())
                    .map(n -> n.substring(n.lastIndexOf('-') + 1).replace(".cmd", "")).toList();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
