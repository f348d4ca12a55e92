package org.danlu.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.danlu.engine.train.sample.SamplePng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code danlu sample} on the tiny-sd fixture, in-process. */
class SampleCommandTest {
    static final Path TINY = Path.of("../shared/fixtures/tiny-sd");

    @TempDir Path dir;

    record Result(int code, String out, String err) {}

    private Result danlu(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * A CLIP-shaped tokenizer.json for tiny-sd's 1000 ids: printable ASCII as word-inner (id c − 33) and word-final
     * ("c&lt;/w&gt;", 94 + c − 33) tokens, BOS 998 and EOS 999 (the engine's CLIP tests build the same vocabulary).
     */
    private static Path tokenizer(Path dir) throws Exception {
        JsonObject vocab = new JsonObject();
        for (char c = 33; c <= 126; c++) {
            vocab.addProperty(String.valueOf(c), c - 33);
            vocab.addProperty(c + "</w>", 94 + c - 33);
        }
        vocab.addProperty("<|startoftext|>", 998);
        vocab.addProperty("<|endoftext|>", 999);
        JsonObject root = JsonParser.parseString("""
                {"version": "1.0", "truncation": null, "padding": null,
                 "added_tokens": [
                   {"id": 998, "content": "<|startoftext|>", "single_word": false, "lstrip": false, "rstrip": false,
                    "normalized": true, "special": true},
                   {"id": 999, "content": "<|endoftext|>", "single_word": false, "lstrip": false, "rstrip": false,
                    "normalized": true, "special": true}],
                 "normalizer": {"type": "Lowercase"},
                 "pre_tokenizer": {"type": "Whitespace"},
                 "post_processor": null, "decoder": null,
                 "model": {"type": "BPE", "dropout": null, "unk_token": "<|endoftext|>",
                   "continuing_subword_prefix": "", "end_of_word_suffix": "</w>", "fuse_unk": false,
                   "byte_fallback": false}}
                """).getAsJsonObject();
        root.getAsJsonObject("model").add("vocab", vocab);
        root.getAsJsonObject("model").add("merges", new JsonArray());
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(file, root.toString());
        return file;
    }

    @Test
    void rendersAPromptIntoAPngWithItsParameters() throws Exception {
        assertTrue(Files.isRegularFile(TINY.resolve("model_index.json")),
                "missing fixture " + TINY.toAbsolutePath() + ": ../shared must sit beside the project root");
        Path out = dir.resolve("out");
        Result r = danlu("sample", "--model", TINY.toString(), "--tokenizer", tokenizer(dir).toString(),
                "--prompt", "a red cat", "--negative", "blurry", "--steps", "2", "--sampler", "ddim", "--cfg", "5",
                "--seed", "11", "--width", "64", "--height", "70", "--clip-skip", "2", "--out", out.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        List<Path> files;
        try (Stream<Path> s = Files.list(out)) {
            files = s.toList();
        }
        assertEquals(1, files.size());
        Path png = files.get(0);
        // kohya's name without a step: {index:02d}_{YYYYmmddHHMMSS}_{seed}
        assertTrue(png.getFileName().toString().matches("00_\\d{14}_11\\.png"), png.toString());
        assertEquals("""
                a red cat
                Negative prompt: blurry
                Steps: 2, Sampler: DDIM, CFG scale: 5.0, Seed: 11, Size: 64x64, Model: tiny-sd, Clip skip: 2, \
                Version: Danlu""", SamplePng.readParameters(png));
        assertTrue(r.out().contains(png + "  seed 11  64x64  ddim"), r.out());
        assertTrue(r.out().contains("1 image(s) in " + out), r.out());
    }

    @Test
    void needsExactlyOneOfPromptAndPrompts() {
        Result r = danlu("sample", "--model", TINY.toString(), "--out", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("give either --prompt TEXT or --prompts FILE"), r.err());
    }

    @Test
    void aBadPromptFileLineIsReportedWithFileAndLine() throws Exception {
        Path prompts = dir.resolve("p.txt");
        Files.writeString(prompts, "a cat --w 64\na dog --x 3\n");
        Result r = danlu("sample", "--model", TINY.toString(), "--prompts", prompts.toString(), "--out",
                dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(prompts + ":2: option '--x' is not understood"), r.err());
    }
}
