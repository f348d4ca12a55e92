package org.danlu.app.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.danlu.engine.tensor.DType;
import org.danlu.engine.tensor.SafetensorsWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ModelCommandsTest {
    static final Path TINY = Path.of("../shared/fixtures/tiny-sd");

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Path fixture(String rel) {
        Path p = TINY.resolve(rel);
        assertTrue(Files.exists(p), "missing fixture " + p.toAbsolutePath() + ": ../shared must sit beside the project");
        return p;
    }

    /** Parameters of one LDM prefix, summed from the fixture's own key listing (ldm_keys.txt: key, dtype, shape). */
    static long ldmParameters(String prefix) throws IOException {
        long total = 0;
        for (String line : Files.readAllLines(fixture("ldm_keys.txt"))) {
            String[] f = line.split("\t");
            if (f[0].startsWith(prefix)) {
                long n = 1;
                Matcher m = Pattern.compile("\\d+").matcher(f[2]);
                while (m.find()) {
                    n *= Long.parseLong(m.group());
                }
                total += n;
            }
        }
        return total;
    }

    @Test
    void infoOnTheSingleFile() throws IOException {
        Run r = run("model", "info", fixture("tiny-sd-ldm.safetensors").toString());
        assertTrue(r.out.contains("architecture  SD1.x"), r.out);
        assertTrue(r.out.contains("single file (LDM names)"), r.out);
        assertTrue(r.out.contains("yaml beside the checkpoint: " + fixture("tiny-sd-ldm.yaml")), r.out);
        assertTrue(r.out.matches("(?s).*unet\\s+" + String.format("%,d", ldmParameters("model.diffusion_model.")) + " parameters\\s+684 tensors\\s+F16.*"), r.out);
        assertTrue(r.out.matches("(?s).*vae\\s+" + String.format("%,d", ldmParameters("first_stage_model.")) + " parameters.*"), r.out);
        assertTrue(r.out.matches("(?s).*text_encoder\\s+" + String.format("%,d", ldmParameters("cond_stage_model.")) + " parameters.*"), r.out);
        // the text encoder's head count is a guess for this width: reported, so the exit code says "look"
        assertTrue(r.out.contains("head count cannot be told"), r.out);
        assertEquals(1, r.code);
    }

    @Test
    void infoOnTheFolderIsClean() {
        Run r = run("model", "info", TINY.toString());
        assertTrue(r.out.contains("diffusers folder"), r.out);
        assertTrue(r.out.contains("configs       diffusers config.json files in " + TINY), r.out);
        assertTrue(r.out.matches("(?s).*unet\\s+[\\d,]+ parameters\\s+684 tensors\\s+F32.*"), r.out);
        assertFalse(r.out.contains("note"), r.out);
        assertEquals(0, r.code, r.out + r.err);
    }

    @Test
    void infoWithConfigFolderHasNothingOdd() {
        Run r = run("model", "info", fixture("tiny-sd-ldm.safetensors").toString(), "--config", TINY.toString());
        assertEquals(0, r.code, r.out + r.err);
        assertTrue(r.out.contains("configs       diffusers config.json files in " + TINY), r.out);
    }

    @Test
    void infoListsMisShapedKeys(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("bad.safetensors");
        SafetensorsWriter w = new SafetensorsWriter();
        try (var f = org.danlu.engine.tensor.SafetensorsFile.open(fixture("tiny-sd-ldm.safetensors"))) {
            for (var t : f.tensors().values()) {
                if (t.name().equals("model.diffusion_model.out.2.bias")) {
                    w.add(t.name(), DType.F16, new long[] {5}, new byte[10]);
                } else {
                    var b = f.bytes(t.name());
                    byte[] data = new byte[b.remaining()];
                    b.get(data);
                    w.add(t.name(), t.dtype(), t.shape(), data);
                }
            }
        }
        w.write(p);
        Run r = run("model", "info", p.toString(), "--config", TINY.toString());
        assertEquals(1, r.code, r.out + r.err);
        assertTrue(r.out.contains("1 mis-shaped"), r.out);
        assertTrue(r.out.contains("conv_out.bias: checkpoint [5] (model.diffusion_model.out.2.bias) vs model [4]"), r.out);
    }

    @Test
    void infoAsJson() {
        Run r = run("model", "info", "--json", TINY.toString());
        assertEquals(0, r.code, r.out + r.err);
        com.google.gson.JsonObject o = com.google.gson.JsonParser.parseString(r.out).getAsJsonObject();
        assertEquals("SD1.x", o.get("architecture").getAsString());
        assertTrue(o.get("supported").getAsBoolean());
        assertEquals(3, o.getAsJsonArray("models").size());
        assertEquals("unet", o.getAsJsonArray("models").get(1).getAsJsonObject().get("name").getAsString());
        assertEquals(684, o.getAsJsonArray("models").get(1).getAsJsonObject().get("tensors").getAsInt());
        assertEquals(0, o.getAsJsonArray("keyProblems").size());
    }

    @Test
    void infoReportsSdxlAsUnsupported(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("xl.safetensors");
        new SafetensorsWriter()
                .add("conditioner.embedders.1.model.token_embedding.weight", DType.F16, new long[] {8, 4}, new byte[64])
                .add("model.diffusion_model.input_blocks.0.0.weight", DType.F16, new long[] {4, 4, 3, 3}, new byte[288])
                .write(p);
        Run r = run("model", "info", p.toString());
        assertTrue(r.out.contains("architecture  SDXL (not yet supported)"), r.out);
        assertTrue(r.out.matches("(?s).*conditioner.embedders.1\\s+32 parameters.*"), r.out);
        assertEquals(1, r.code);
    }

    @Test
    void picklesAndMissingFilesAreOneLineErrors(@TempDir Path dir) throws IOException {
        Path ckpt = Files.write(dir.resolve("model.ckpt"), new byte[] {'P', 'K'});
        Run r = run("model", "info", ckpt.toString());
        assertEquals(2, r.code);
        assertTrue(r.err.startsWith("danlu info: " + ckpt + ": this is a pickle checkpoint"), r.err);
        Run m = run("model", "info", dir.resolve("none.safetensors").toString());
        assertEquals(2, m.code);
        assertTrue(m.err.contains("no such file or folder"), m.err);
    }

    @Test
    void doctorReportsTheBundledCpuLibtorch() {
        Run r = run("doctor");
        assertTrue(r.out.contains("libtorch   2.7.1, cpu build") || r.out.contains("libtorch   2.7.1, cu"), r.out);
        assertTrue(r.out.contains("djl        0.35.1"), r.out);
        assertTrue(r.out.contains("attention  sdpa") || r.out.contains("attention  chunked: sdpa could not be loaded"), r.out);
        assertTrue(r.out.contains("java       " + System.getProperty("java.version")), r.out);
        // exit 0 exactly when no problem was printed
        assertEquals(r.out.contains("PROBLEM:") ? 1 : 0, r.code, r.out);
    }

    @Test
    void runRefusesMissingInputsAndBfloat16(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("in.safetensors");
        new SafetensorsWriter().add("sample", DType.F32, new long[] {1}, new byte[4]).write(in);
        Run r = run("model", "run", "--model", TINY.toString(), "--component", "unet", "--inputs", in.toString(),
                "--out", dir.resolve("out.safetensors").toString());
        assertEquals(2, r.code);
        assertTrue(r.err.contains(in + ": no tensor 'timestep'; unet reads sample, timestep, encoder_hidden_states"), r.err);
        Run b = run("model", "run", "--model", TINY.toString(), "--component", "unet", "--inputs", in.toString(),
                "--out", dir.resolve("out.safetensors").toString(), "--dtype", "bfloat16");
        assertEquals(2, b.code);
        assertTrue(b.err.contains("bfloat16"), b.err);
        Run c = run("model", "run", "--model", TINY.toString(), "--component", "clip", "--inputs", in.toString(),
                "--out", dir.resolve("out.safetensors").toString());
        assertTrue(c.err.contains("unknown component 'clip'"), c.err);
        assertFalse(Files.exists(dir.resolve("out.safetensors")));
    }

    /** The command end to end: golden inputs in, outputs checked against the golden within the fixture's tolerance. */
    @Test
    void runWritesTheGoldenUnetOutputWithAKohyaLora(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out.safetensors");
        Run r = run("model", "run", "--model", fixture("tiny-sd-ldm.safetensors").toString(), "--component", "unet",
                "--inputs", fixture("golden/lora_case2.safetensors").toString(), "--out", out.toString(),
                "--lora", fixture("golden/lora_case2_kohya.safetensors").toString(), "--multiplier", "0.75");
        assertEquals(0, r.code, r.out + r.err);
        assertTrue(r.out.contains("with 4 LoRA modules at multiplier 0.75"), r.out);
        assertTrue(r.out.contains("out                [2, 4, 16, 8]"), r.out);
        try (var written = org.danlu.engine.tensor.SafetensorsFile.open(out);
                var golden = org.danlu.engine.tensor.SafetensorsFile.open(fixture("golden/lora_case2.safetensors"));
                var m = ai.djl.ndarray.NDManager.newBaseManager()) {
            float[] a = written.load("out", m).toFloatArray();
            float[] g = golden.load("out", m).toFloatArray();
            assertEquals(g.length, a.length);
            for (int i = 0; i < g.length; i++) {
                assertTrue(Math.abs(a[i] - g[i]) <= 1e-4 + 1e-4 * Math.abs(g[i]), "element " + i + ": " + a[i] + " vs " + g[i]);
            }
        }
    }

    @Test
    void loraOnTheVaeIsRefused(@TempDir Path dir) {
        Run r = run("model", "run", "--model", TINY.toString(), "--component", "vae_decoder",
                "--inputs", fixture("golden/vae_decoder.safetensors").toString(), "--out", dir.resolve("o.safetensors").toString(),
                "--lora", fixture("golden/lora_case1_kohya.safetensors").toString());
        assertEquals(2, r.code);
        assertTrue(r.err.contains("not the VAE"), r.err);
        assertFalse(Files.exists(dir.resolve("o.safetensors")));
    }
}
