package org.danlu.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConfigCommandTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Path shared(String relative) {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("../shared").normalize().resolve(relative);
            if (Files.exists(p)) {
                return p;
            }
        }
        throw new AssertionError("../shared/" + relative + " is missing beside the project");
    }

    @Test
    void checkPrintsFindingsAndEffectiveConfigAndFailsOnErrors() throws Exception {
        Files.createDirectories(dir.resolve("img"));
        Path toml = dir.resolve("run.toml");
        Files.writeString(toml, "pretrained_model_name_or_path = \"m.safetensors\"\ntrain_data_dir = \"" + dir.resolve("img")
                + "\"\nresolution = \"512\"\nnetwork_dim = 8\nnetwork_alpha = 16\n");
        Run ok = run("config", "check", toml.toString());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().startsWith(toml + ":5:1: warning: network_alpha: network_alpha 16 is greater than network_dim 8"), ok.out());
        assertTrue(ok.out().contains(toml + ": 0 error(s), 1 warning(s)"), ok.out());
        assertTrue(ok.out().contains("\nlearning_rate = 2.0e-6   # default\n"), ok.out());
        assertTrue(ok.out().contains("\nnetwork_dim = 8\n"), ok.out());

        Files.writeString(toml, "resolution = 512\n");
        Run bad = run("config", "check", "--quiet", toml.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.out().startsWith(toml + ":1:1: error: resolution: value 512 must be a string"), bad.out());

        Run missing = run("config", "check", dir.resolve("nope.toml").toString());
        assertEquals(2, missing.code());
        assertEquals("danlu check: " + dir.resolve("nope.toml") + ": config file not found", missing.err().trim());
    }

    @Test
    void importWritesKohyaTomlAndNeverOverwritesSilently() throws Exception {
        Path out = dir.resolve("basic.toml");
        Run r = run("config", "import", shared("examples/LoraBasicSettings.json").toString(), "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        String toml = Files.readString(out);
        assertTrue(toml.contains("\nresolution = \"512\"\n"), toml);
        assertTrue(toml.contains("\nlearning_rate = 0.0001\n"), toml);
        assertTrue(toml.startsWith("# kohya sd-scripts --config_file, imported by Danlu from LoraBasicSettings.json\n"
                + "# kohya_ss GUI keys not imported (no sd-scripts option): num_cpu_threads_per_process,"
                + " stop_text_encoder_training, model_list\n"), toml);
        assertTrue(r.out().contains("mapped: epoch 1 -> max_train_epochs = 1"), r.out());
        assertTrue(r.out().contains("train_data_dir: \"C:/Users/ohmni/AI/SAMPLE IMAGES/ADAMS/LORA OUTPUT/img\" does not exist"
                + " (a Windows path"), r.out());

        Files.writeString(out, "# mine\n");
        Run again = run("config", "import", shared("examples/LoraBasicSettings.json").toString(), "-o", out.toString());
        assertEquals(2, again.code());
        assertEquals("# mine\n", Files.readString(out));
        assertTrue(again.err().contains("exists: choose another -o file, or add --force to overwrite it"), again.err());
    }
}
