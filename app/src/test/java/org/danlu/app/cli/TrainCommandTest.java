package org.danlu.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.danlu.engine.dataset.SampleDataset;
import org.danlu.engine.run.RunDir;
import org.danlu.engine.tensor.SafetensorsFile;
import org.danlu.engine.train.DemoProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** danlu train in-process through the real command line, on the demo's generated tiny model. */
class TrainCommandTest {

    @TempDir
    Path dir;

    @Test
    void trainsInTheForegroundAndWritesAKohyaFile() throws Exception {
        Path model = DemoProject.model(dir, 1);
        Path train = dir.resolve("train");
        SampleDataset.generate(train, 5);
        Path cfg = dir.resolve("t.toml");
        Files.writeString(cfg, """
                pretrained_model_name_or_path = "%s"
                train_data_dir = "%s"
                caption_extension = ".txt"
                resolution = "64,64"
                output_name = "cli"
                network_dim = 2
                learning_rate = 0.0005
                train_batch_size = 4
                max_train_steps = 4
                seed = 3
                gradient_checkpointing = true
                """.formatted(model, train));
        DatasetCommandsTest.Run r = DatasetCommandsTest.run("train", "--config", cfg.toString(), "--workspace",
                dir.toString(), "--lines");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("gradient_checkpointing = true: not implemented"), r.out());
        assertTrue(r.out().contains("done"), r.out());
        List<RunDir> runs = RunDir.list(dir);
        assertEquals(1, runs.size());
        Path lora = runs.get(0).outputDir().resolve("cli.safetensors");
        try (SafetensorsFile f = SafetensorsFile.open(lora)) {
            assertEquals("4", f.metadata().get("ss_steps"));
            assertEquals("2", f.metadata().get("ss_network_dim"));
            assertTrue(f.tensors().keySet().stream().anyMatch(k -> k.startsWith("lora_te_")));
            assertTrue(f.tensors().keySet().stream().anyMatch(k -> k.startsWith("lora_unet_")));
        }
    }

    @Test
    void aBrokenConfigIsExitCode2NamingTheFileAndLine() throws Exception {
        Path cfg = dir.resolve("bad.toml");
        Files.writeString(cfg, "learning_rate = \"fast\"\n");
        DatasetCommandsTest.Run r = DatasetCommandsTest.run("train", "--config", cfg.toString(), "--workspace",
                dir.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("bad.toml:1"), r.err());
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().equals("runs")), "no run for a broken config");
        }
    }
}
