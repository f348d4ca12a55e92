package org.danlu.engine.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.danlu.engine.dataset.SampleDataset;
import org.danlu.engine.model.clip.TinyClipTokenizerJson;

/**
 * A training setup on real parts: the tiny-sd fixture model (linked into a temp folder beside a test-built
 * tokenizer.json, BOS 998 / EOS 999 like the fixture's vocabulary), the generated sample dataset, and a train.toml.
 */
public final class TrainFixture {
    static final Path TINY_SD = Path.of("../shared/fixtures/tiny-sd");

    static {
        // Tests share two cores with other builds: one torch thread per op avoids threads spinning on a busy
        // machine (5x faster here under load). Set on the running engine, since another test may have started it.
        System.setProperty("ai.djl.pytorch.num_threads", "1");
        ai.djl.engine.Engine.getInstance();
        ai.djl.pytorch.jni.JniUtils.setNumThreads(1);
    }

    private TrainFixture() {
    }

    /** A diffusers folder with the fixture's weights (linked) and a tokenizer. */
    public static Path model(Path dir) throws IOException {
        assertTrue(Files.isRegularFile(TINY_SD.resolve("unet/config.json")), "missing fixture "
                + TINY_SD.toAbsolutePath() + ": the shared fixtures must sit at ../shared beside the project root");
        Path m = Files.createDirectories(dir.resolve("model"));
        for (String part : new String[] {"unet", "text_encoder", "vae", "scheduler", "model_index.json"}) {
            if (!Files.exists(m.resolve(part))) {
                Files.createSymbolicLink(m.resolve(part), TINY_SD.resolve(part).toAbsolutePath());
            }
        }
        TinyClipTokenizerJson.write(m.resolve("tokenizer"));
        return m;
    }

    /** A run trained in this JVM: its folder, how it ended, and every event it emitted, in order. */
    public record Trained(org.danlu.engine.run.RunDir run, org.danlu.engine.run.Event.End.Status status,
                          java.util.List<org.danlu.engine.run.Event> events) {
        /** The events of one type, e.g. {@code of(Event.Step.class)}. */
        public <T extends org.danlu.engine.run.Event> java.util.List<T> of(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }

        /** trainer.log and events.jsonl, for failure messages. */
        public String log() {
            return TrainFixture.log(run);
        }
    }

    /** Reads {@code cfg} (relative paths against {@code workspace}), creates a run there and trains it here. */
    public static Trained train(Path workspace, Path cfg) throws Exception {
        TrainRequest req = TrainRequest.read(cfg, null, workspace);
        org.danlu.engine.run.RunDir run = TrainRun.create(workspace, req);
        java.util.List<org.danlu.engine.run.Event> events = new java.util.ArrayList<>();
        org.danlu.engine.run.Event.End.Status status = TrainRun.run(run, req, null, events::add);
        return new Trained(run, status, events);
    }

    /** The run's trainer.log, for failure messages. */
    static String log(org.danlu.engine.run.RunDir run) {
        try {
            String log = Files.isRegularFile(run.trainerLog()) ? Files.readString(run.trainerLog()) : "(no trainer.log)";
            return log + "\nevents:\n" + (Files.isRegularFile(run.eventsFile()) ? Files.readString(run.eventsFile()) : "");
        } catch (IOException e) {
            return e.toString();
        }
    }

    public static Path dataset(Path dir) throws IOException {
        Path train = dir.resolve("train");
        SampleDataset.generate(train, SampleDataset.DEFAULT_SEED);
        return train;
    }

    /** A train.toml for a short CPU run at 64 px. {@code extra} is appended (TOML lines). */
    public static Path config(Path dir, Path model, Path train, String extra) throws IOException {
        String toml = """
                pretrained_model_name_or_path = "%s"
                train_data_dir = "%s"
                caption_extension = ".txt"
                resolution = "64,64"
                output_name = "tiny"
                network_module = "networks.lora"
                network_dim = 4
                network_alpha = 4
                learning_rate = 0.001
                optimizer_type = "AdamW"
                lr_scheduler = "constant"
                train_batch_size = 2
                seed = 1234
                cache_latents = true
                save_precision = "fp16"
                """.formatted(model.toAbsolutePath(), train.toAbsolutePath()) + extra;
        Path f = dir.resolve("train.toml");
        Files.writeString(f, toml);
        return f;
    }
}
