package org.danlu.engine.train.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.danlu.engine.model.TinySdGolden;
import org.danlu.engine.model.clip.TinyTokenizerFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sampling end to end on the tiny-sd fixture (random weights: the images are noise, but real and reproducible). */
class SampleRendererTest {
    @TempDir
    static Path tokDir;
    @TempDir
    Path dir;

    static NDManager manager;
    static SampleCheckpoint tiny;
    static final RenderSettings SETTINGS = new RenderSettings(2, SchedulerConfig.sd(), "tiny-sd", null);
    /** 18:30:00 local time on the machine clock's zone, so the file-name stamp is known. */
    static final Clock CLOCK = Clock.fixed(LocalDateTime.of(2026, 11, 22, 18, 30, 0).toInstant(ZoneOffset.UTC),
            ZoneOffset.UTC);

    @BeforeAll
    static void load() throws IOException {
        manager = NDManager.newBaseManager();
        Path tok = TinyTokenizerFixture.write(tokDir);
        tiny = SampleCheckpoint.load(TinySdGolden.path("model_index.json").getParent(), null, tok, null, 1f, manager,
                DataType.FLOAT32);
    }

    @AfterAll
    static void close() {
        tiny.close();
        manager.close();
    }

    private static SampleRequest request(Sampler sampler, long seed) {
        return new SampleRequest("hello cat", "ugly", 64, 64, seed, true, 3, 7.5, sampler);
    }

    private static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    @Test
    void eachSamplerRendersTheSameBytesForTheSameSeed() throws IOException {
        SampleRenderer renderer = new SampleRenderer(tiny.models(), SETTINGS);
        List<int[]> bySampler = new ArrayList<>();
        for (Sampler s : Sampler.values()) {
            BufferedImage a = renderer.render(request(s, 42), manager);
            BufferedImage b = renderer.render(request(s, 42), manager);
            assertEquals(64, a.getWidth());
            assertEquals(64, a.getHeight());
            assertArrayEquals(SamplePng.encode(a, "p"), SamplePng.encode(b, "p"), s + ": two runs differ");
            int[] px = pixels(a);
            assertTrue(Arrays.stream(px).distinct().count() > 100, s + ": the image is (nearly) flat");
            bySampler.add(px);
            assertFalse(Arrays.equals(px, pixels(renderer.render(request(s, 43), manager))),
                    s + ": another seed gave the same image");
        }
        assertFalse(Arrays.equals(bySampler.get(0), bySampler.get(1)), "euler and euler_a agree");
        assertFalse(Arrays.equals(bySampler.get(0), bySampler.get(2)), "euler and ddim agree");
    }

    @Test
    void guidanceScaleAndNegativePromptChangeTheImage() {
        SampleRenderer renderer = new SampleRenderer(tiny.models(), SETTINGS);
        int[] base = pixels(renderer.render(request(Sampler.DDIM, 1), manager));
        int[] noCfg = pixels(renderer.render(
                new SampleRequest("hello cat", "ugly", 64, 64, 1, true, 3, 1.0, Sampler.DDIM), manager));
        int[] otherNeg = pixels(renderer.render(
                new SampleRequest("hello cat", "", 64, 64, 1, true, 3, 7.5, Sampler.DDIM), manager));
        assertFalse(Arrays.equals(base, noCfg));
        assertFalse(Arrays.equals(base, otherNeg));
        // diffusers guides only when scale > 1: at 1 the negative prompt plays no part
        int[] noCfgNoNeg = pixels(renderer.render(
                new SampleRequest("hello cat", "", 64, 64, 1, true, 3, 1.0, Sampler.DDIM), manager));
        assertArrayEquals(noCfg, noCfgNoNeg);
    }

    @Test
    void longPromptsUseAsManyWindowsAsTheLongerTextNeedsUpTo3() {
        SampleRenderer renderer = new SampleRenderer(tiny.models(), SETTINGS);
        // the tiny vocabulary has no merges for these letters: one token per character, so 100 letters need two
        // 75-token windows → 2·75 + 2 = 152 positions for both rows, the empty negative too
        String hundred = "x".repeat(100);
        try (NDManager m = manager.newSubManager()) {
            SampleRequest r = new SampleRequest(hundred, "", 64, 64, 1, true, 1, 7.5, Sampler.DDIM);
            assertArrayEquals(new long[] {2, 152, 32}, renderer.encodeText(m, r).getShape().getShape());
            SampleRequest neg = new SampleRequest("a cat", "y".repeat(400), 64, 64, 1, true, 1, 7.5, Sampler.DDIM);
            assertArrayEquals(new long[] {2, 227, 32}, renderer.encodeText(m, neg).getShape().getShape()); // capped
            SampleRequest noCfg = new SampleRequest("a cat", "ugly", 64, 64, 1, true, 1, 1.0, Sampler.DDIM);
            assertArrayEquals(new long[] {1, 77, 32}, renderer.encodeText(m, noCfg).getShape().getShape());
        }
    }

    @Test
    void promptWeightsWeighTheirTokensAndKeepEachRowsMean() {
        SampleRenderer renderer = new SampleRenderer(tiny.models(), SETTINGS);
        try (NDManager m = manager.newSubManager()) {
            // A prompt without attention syntax: exactly the unweighted states (all weights 1.0).
            SampleRequest plain = new SampleRequest("hello cat", "ugly", 64, 64, 1, true, 1, 7.5, Sampler.DDIM);
            var tok = tiny.models().tokenizer();
            var ids = org.danlu.engine.model.clip.TextConditioning.ids(m,
                    List.of(tok.windows("ugly", null), tok.windows("hello cat", null)));
            float[] reference = org.danlu.engine.model.clip.TextConditioning.encode(tiny.models().textEncoder(), ids,
                    SETTINGS.clipSkip()).toFloatArray();
            float[] noWeights = renderer.encodeText(m, plain).toFloatArray();
            assertArrayEquals(reference, noWeights, "no weights, no change");

            // (hello:1.5) cat: the same tokens, so the row differs only by the weighting and its mean correction.
            SampleRequest weighted = new SampleRequest("(hello:1.5) cat", "ugly", 64, 64, 1, true, 1, 7.5, Sampler.DDIM);
            float[] w = renderer.encodeText(m, weighted).toFloatArray();
            int row = noWeights.length / 2;
            assertArrayEquals(Arrays.copyOfRange(noWeights, 0, row), Arrays.copyOfRange(w, 0, row),
                    "the negative row has no weights");
            assertFalse(Arrays.equals(Arrays.copyOfRange(noWeights, row, 2 * row), Arrays.copyOfRange(w, row, 2 * row)));
            double before = mean(noWeights, row, 2 * row);
            double after = mean(w, row, 2 * row);
            assertEquals(before, after, 1e-5 * Math.max(1, Math.abs(before)), "lpw keeps the row's mean");

            // A weight that is not a number: the prompt is read as plain text rather than failing the run.
            SampleRequest bad = new SampleRequest("(hello:1.2.3) cat", "", 64, 64, 1, true, 1, 1.0, Sampler.DDIM);
            assertArrayEquals(new long[] {1, 77, 32}, renderer.encodeText(m, bad).getShape().getShape());
        }
    }

    private static double mean(float[] a, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += a[i];
        }
        return sum / (to - from);
    }

    @Test
    void aRenderLeavesNoArrayBehind() {
        SampleRenderer renderer = new SampleRenderer(tiny.models(), SETTINGS);
        try (NDManager caller = manager.newSubManager()) {
            // the first forward builds the models' one-time caches (e.g. the fused attention module's state)
            renderer.render(request(Sampler.EULER_A, 8), caller);
            int before = manager.getManagedArrays().size();
            renderer.render(request(Sampler.EULER_A, 8), caller);
            assertEquals(0, caller.getManagedArrays().size(), "arrays left in the caller's manager");
            assertEquals(before, manager.getManagedArrays().size(), "arrays left in the models' manager");
        }
    }

    @Test
    void trainingSamplerWritesKohyaNamesAndA1111Parameters() throws IOException {
        Path prompts = dir.resolve("prompts.txt");
        Files.writeString(prompts, """
                # two prompts
                hello cat, best --n ugly --d 5 --s 2 --l 6 --w 79 --h 64 --ss euler
                a dog --s 2
                """);
        Path samples = dir.resolve("samples");
        SampleRenderer renderer = new SampleRenderer(tiny.models(),
                new RenderSettings(2, SchedulerConfig.sd(), "tiny-sd", "mychar:0.8"));
        List<WrittenSample> seen = new ArrayList<>();
        TrainingSampler sampler = new TrainingSampler(renderer, prompts, samples,
                new TrainingSampler.Options("mylora", 64, 72, Sampler.EULER_A), seen::add, CLOCK, () -> 987654321L);
        List<WrittenSample> written = sampler.sample(10, 1, manager);
        assertEquals(written, seen);
        assertEquals(2, written.size());
        // kohya: {output_name}_{step:06d}_{index:02d}_{YYYYmmddHHMMSS}, then _{seed} only when the prompt gave one
        assertEquals(samples.resolve("mylora_000010_00_20261122183000_5.png"), written.get(0).file());
        assertEquals(samples.resolve("mylora_000010_01_20261122183000.png"), written.get(1).file());
        // --w 79 floors to 72; A1111's format, "hello cat, best" has a comma but only values are quoted
        assertEquals("""
                hello cat, best
                Negative prompt: ugly
                Steps: 2, Sampler: Euler, CFG scale: 6.0, Seed: 5, Size: 72x64, Model: tiny-sd, Clip skip: 2, \
                Lora: "mychar:0.8", Training step: 10, Training epoch: 1, Version: Danlu""",
                SamplePng.readParameters(written.get(0).file()));
        // defaults: the run's 64x72, its sampler (euler_a), CFG 7.5, the drawn seed; no negative line
        assertEquals("""
                a dog
                Steps: 2, Sampler: Euler a, CFG scale: 7.5, Seed: 987654321, Size: 64x72, Model: tiny-sd, \
                Clip skip: 2, Lora: "mychar:0.8", Training step: 10, Training epoch: 1, Version: Danlu""",
                SamplePng.readParameters(written.get(1).file()));
        BufferedImage img = ImageIO.read(written.get(0).file().toFile());
        assertEquals(72, img.getWidth());
        assertEquals(64, img.getHeight());
        try (Stream<Path> files = Files.list(samples)) {
            assertEquals(2, files.count(), "temp files left behind");
        }

        // the file is read again at each sampling (kohya too), so edits during a run count; at an epoch end the
        // counter is kohya's e%06d, and a clash in the same second never overwrites
        Files.writeString(prompts, "hello cat, best --n ugly --d 5 --s 2 --l 6 --w 79 --h 64 --ss euler\n");
        List<WrittenSample> epoch = sampler.sampleAtEpochEnd(10, 2, manager);
        assertEquals(samples.resolve("mylora_e000002_00_20261122183000_5.png"), epoch.get(0).file());
        List<WrittenSample> again = sampler.sampleAtEpochEnd(10, 2, manager);
        assertEquals(samples.resolve("mylora_e000002_00_20261122183000_5-1.png"), again.get(0).file());
        assertEquals(1, again.size());
        assertArrayEquals(Files.readAllBytes(epoch.get(0).file()), Files.readAllBytes(again.get(0).file()));
        assertTrue(SamplePng.readParameters(again.get(0).file()).endsWith("Training step: 10, Training epoch: 2,"
                + " Version: Danlu"));
    }

    @Test
    void nonLatinPromptsGoIntoAnITXtChunk() throws IOException {
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        String params = "一个女孩, 红发\nSteps: 30, Sampler: Euler a";
        Path f = SamplePng.write(dir, "x.png", img, params);
        assertEquals(params, SamplePng.readParameters(f));
        String raw = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(raw.contains("iTXtparameters"), "no iTXt chunk");
        Path latin = SamplePng.write(dir, "y.png", img, "a cat\nSteps: 1");
        assertTrue(new String(Files.readAllBytes(latin), java.nio.charset.StandardCharsets.ISO_8859_1)
                .contains("tEXtparameters\0a cat\nSteps: 1"), "no tEXt chunk");
    }

    @Test
    void theSingleFileCheckpointRendersTheSameImageAsTheFolder() throws IOException {
        // tiny-sd-ldm.safetensors holds the folder's weights exactly (F16-representable values), with its yaml beside
        SampleRenderer folder = new SampleRenderer(tiny.models(), SETTINGS);
        int[] expected = pixels(folder.render(request(Sampler.EULER_A, 5), manager));
        try (SampleCheckpoint single = SampleCheckpoint.load(TinySdGolden.path("tiny-sd-ldm.safetensors"), null,
                TinyTokenizerFixture.write(tokDir.resolve("t3")), null, 1f, manager, DataType.FLOAT32)) {
            assertFalse(single.vPrediction());
            int[] actual = pixels(new SampleRenderer(single.models(), SETTINGS).render(request(Sampler.EULER_A, 5),
                    manager));
            assertArrayEquals(expected, actual);
        }
    }

    @Test
    void aLoraChangesTheImage() throws IOException {
        SampleRenderer plain = new SampleRenderer(tiny.models(), SETTINGS);
        int[] without = pixels(plain.render(request(Sampler.EULER, 3), manager));
        try (SampleCheckpoint withLora = SampleCheckpoint.load(
                TinySdGolden.path("model_index.json").getParent(), null, TinyTokenizerFixture.write(tokDir.resolve("t2")),
                TinySdGolden.path("golden/lora_case2_kohya.safetensors"), 1f, manager, DataType.FLOAT32)) {
            assertEquals("lora_case2_kohya:1.0", withLora.loraLabel());
            SampleRenderer lora = new SampleRenderer(withLora.models(), SETTINGS);
            assertFalse(Arrays.equals(without, pixels(lora.render(request(Sampler.EULER, 3), manager))));
        }
    }
}
