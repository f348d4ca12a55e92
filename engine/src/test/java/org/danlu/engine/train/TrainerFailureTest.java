package org.danlu.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.danlu.engine.run.Event;
import org.danlu.engine.run.EventCodec;
import org.danlu.engine.run.RunDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A loss that stops being finite ends the run with an error event and keeps what was saved before it. */
class TrainerFailureTest {

    @TempDir
    Path dir;

    @Test
    void nonFiniteLossStopsTheRunAndKeepsTheLastGoodFile() throws Exception {
        Path model = TrainFixture.model(dir);
        Path train = TrainFixture.dataset(dir);
        // SGD steps of size lr·grad with lr 1e30 overflow the LoRA weights after the first update
        Path cfg = TrainFixture.config(dir, model, train, """
                max_train_steps = 20
                save_every_n_steps = 1
                network_train_unet_only = true
                max_grad_norm = 0.0
                """).resolveSibling("train.toml");
        String text = Files.readString(cfg).replace("learning_rate = 0.001", "learning_rate = 1e30")
                .replace("optimizer_type = \"AdamW\"", "optimizer_type = \"SGDNesterov\"");
        Files.writeString(cfg, text);
        TrainRequest req = TrainRequest.read(cfg, null, dir);
        RunDir run = TrainRun.create(dir, req);
        assertEquals(Event.End.Status.FAILED, TrainRun.run(run, req, null, null));
        List<Event> events = Files.readAllLines(run.eventsFile()).stream().map(EventCodec::decode).toList();
        Event.Error error = events.stream().filter(e -> e instanceof Event.Error).map(e -> (Event.Error) e)
                .findFirst().orElseThrow(() -> new AssertionError("no error event: " + events));
        assertTrue(error.message().contains("loss became"), error.message());
        assertTrue(error.message().contains("the last good LoRA is"), error.message());
        assertTrue(events.get(events.size() - 1) instanceof Event.End end && end.status() == Event.End.Status.FAILED);
        long saves = events.stream().filter(e -> e instanceof Event.Save).count();
        assertTrue(saves >= 1, "the steps before the failure were saved");
        for (Event e : events) {
            if (e instanceof Event.Save s) {
                assertTrue(Files.isRegularFile(run.path().resolve(s.path())), s.path() + " kept");
            }
        }
        assertTrue(Files.notExists(run.outputDir().resolve("tiny.safetensors")), "no final file after a failure");
    }
}
