package org.danlu.engine.train.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.danlu.engine.run.Event;
import org.danlu.engine.run.EventCodec;
import org.danlu.engine.run.RunDir;
import org.danlu.engine.train.TrainFixture;
import org.danlu.engine.train.TrainRequest;
import org.danlu.engine.train.TrainRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A training run with sample_prompts renders through the hook: PNGs in samples/ and one sample event each. */
class SamplerHookTest {
    @TempDir
    Path dir;

    @Test
    void samplesAreRenderedDuringTrainingAndAnnounced() throws Exception {
        Path model = TrainFixture.model(dir);
        Path train = TrainFixture.dataset(dir);
        Path prompts = Files.writeString(dir.resolve("prompts.txt"),
                "# two prompts, 64x64, 3 steps each\nred circle --w 64 --h 64 --s 3 --d 1\nblue square --w 64 --h 75 --s 3 --d 2\n");
        Path cfg = TrainFixture.config(dir, model, train, """
                max_train_steps = 4
                sample_every_n_steps = 2
                sample_sampler = "euler_a"
                network_train_unet_only = true
                sample_prompts = "%s"
                """.formatted(prompts.toString())).resolveSibling("train.toml");
        TrainRequest req = TrainRequest.read(cfg, null, dir);
        RunDir run = TrainRun.create(dir, req);
        assertEquals(Event.End.Status.DONE, TrainRun.run(run, req, SamplerHook.FACTORY, null));
        List<Event.Sample> samples = Files.readAllLines(run.eventsFile()).stream().map(EventCodec::decode)
                .filter(e -> e instanceof Event.Sample).map(e -> (Event.Sample) e).toList();
        // steps 2 and 4, two prompts each
        assertEquals(4, samples.size(), "sample events: " + samples);
        assertEquals(List.of("red circle", "blue square", "red circle", "blue square"),
                samples.stream().map(Event.Sample::prompt).toList());
        assertEquals(List.of(2, 2, 4, 4), samples.stream().map(Event.Sample::step).toList());
        for (Event.Sample s : samples) {
            Path png = run.path().resolve(s.path());
            assertTrue(png.startsWith(run.samplesDir()), s.path() + " lies under samples/");
            BufferedImage img = ImageIO.read(png.toFile());
            assertEquals(64, img.getWidth());
            assertEquals(s.prompt().startsWith("red") ? 64 : 72, img.getHeight()); // kohya floors to a multiple of 8: 75 -> 72
        }
    }
}
