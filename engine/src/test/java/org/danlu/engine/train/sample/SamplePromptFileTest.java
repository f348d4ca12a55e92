package org.danlu.engine.train.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kohya's sample prompt formats, as library/train_util.py line_to_prompt_dict / sample_images_common read them. */
class SamplePromptFileTest {
    @TempDir
    Path dir;

    @Test
    void textFormOptionsCommentsAndBlankLines() throws IOException {
        Path f = dir.resolve("prompts.txt");
        Files.writeString(f, """
                # my prompts
                masterpiece, 1girl, red hair --n lowres, bad hands --w 768 --h 515 --d 42 --l 6.5 --s 20 --ss euler

                  # indented: kohya only skips lines whose first character is '#'
                a cat --W 100 --S 5000 --SS K_EULER_A
                """);
        SamplePromptFile.Parsed parsed = SamplePromptFile.read(f);
        List<SamplePrompt> ps = parsed.prompts();
        assertEquals(3, ps.size());
        SamplePrompt a = ps.get(0);
        assertEquals(0, a.index());
        assertEquals(f + ":2", a.source());
        assertEquals("masterpiece, 1girl, red hair", a.prompt());
        assertEquals("lowres, bad hands", a.negative());
        assertEquals(768, a.width());
        assertEquals(515, a.height());
        assertEquals(42L, a.seed());
        assertEquals(6.5, a.scale());
        assertEquals(20, a.steps());
        assertEquals(Sampler.EULER, a.sampler());

        assertEquals("# indented: kohya only skips lines whose first character is '#'", ps.get(1).prompt());
        assertEquals(f + ":4", ps.get(1).source());

        SamplePrompt c = ps.get(2);
        assertEquals(2, c.index());
        assertEquals("a cat", c.prompt());
        assertEquals(100, c.width()); // options are case-insensitive
        assertEquals(1000, c.steps()); // kohya clamps steps to 1..1000
        assertEquals(Sampler.EULER_A, c.sampler());
        assertTrue(parsed.warnings().isEmpty());
    }

    @Test
    void resolveAppliesKohyaDefaultsAndFloorsSizesToMultiplesOf8() throws IOException {
        SamplePrompt p = SamplePromptFile.parseLine(0, "x:1", "a dog --w 515 --h 20", new ArrayList<>());
        SampleRequest r = p.resolve(512, 512, Sampler.DDIM, 1234);
        assertEquals(512, r.width()); // 515 - 515 % 8 = 512
        assertEquals(64, r.height()); // max(64, 20 - 20 % 8 = 16) = 64
        assertEquals(30, r.steps());
        assertEquals(7.5, r.scale());
        assertEquals(1234, r.seed());
        assertEquals(false, r.seedGiven());
        assertEquals("", r.negative());
        assertEquals(Sampler.DDIM, r.sampler());

        SampleRequest d = SamplePromptFile.parseLine(0, "x:1", "a dog --d 7", new ArrayList<>())
                .resolve(768, 640, Sampler.EULER_A, 99);
        assertEquals(768, d.width()); // the run's resolution stands in for kohya's 512
        assertEquals(640, d.height());
        assertEquals(7, d.seed());
        assertTrue(d.seedGiven());
    }

    @Test
    void thePromptPieceIsMatchedToo() throws IOException {
        // kohya matches every piece, the prompt included: "w 640 tall city" sets the width (and stays the prompt)
        SamplePrompt p = SamplePromptFile.parseLine(0, "x:1", "w 640 tall city --h 320", new ArrayList<>());
        assertEquals("w 640 tall city", p.prompt());
        assertEquals(640, p.width());
        assertEquals(320, p.height());
    }

    @Test
    void badOptionNamesFileAndLine() throws IOException {
        Path f = dir.resolve("bad.txt");
        Files.writeString(f, "# header\na good one --w 512\na typo --neg blurry\n");
        IOException e = assertThrows(IOException.class, () -> SamplePromptFile.read(f));
        assertTrue(e.getMessage().startsWith(f + ":3: option '--neg'"), e.getMessage());
        assertTrue(e.getMessage().contains("--n negative"), e.getMessage());

        Files.writeString(f, "a cat --l 7.5.1\n");
        IOException num = assertThrows(IOException.class, () -> SamplePromptFile.read(f));
        assertTrue(num.getMessage().startsWith(f + ":1: bad number"), num.getMessage());

        Files.writeString(f, "a cat --ss plms\n");
        IOException sampler = assertThrows(IOException.class, () -> SamplePromptFile.read(f));
        assertTrue(sampler.getMessage().startsWith(f + ":1: unknown sampler 'plms'"), sampler.getMessage());
    }

    @Test
    void otherKohyaSamplersAndOtherFamilyOptionsAreWarnings() throws IOException {
        SamplePromptFile.Parsed p = SamplePromptFile.parseText("p.txt", "a cat --ss dpmsolver++ --g 3.5\n");
        assertEquals(Sampler.DDIM, p.prompts().get(0).sampler());
        assertEquals(2, p.warnings().size(), p.warnings().toString());
        assertTrue(p.warnings().get(0).startsWith("p.txt:1: --g is for other model families"));
        assertTrue(p.warnings().get(1).startsWith("p.txt:1: sampler 'dpmsolver++' is not implemented"));
    }

    @Test
    void tomlFormMergesDefaultsIntoSubsets() throws IOException {
        Path f = dir.resolve("prompts.toml");
        Files.writeString(f, """
                [prompt]
                width = 640
                sample_steps = 12
                negative_prompt = "lowres"

                [[prompt.subset]]
                prompt = "a cat"
                seed = 5

                [[prompt.subset]]
                prompt = "a dog"
                scale = 4
                sample_sampler = "euler"
                """);
        List<SamplePrompt> ps = SamplePromptFile.read(f).prompts();
        assertEquals(2, ps.size());
        assertEquals("a cat", ps.get(0).prompt());
        assertEquals(640, ps.get(0).width());
        assertEquals(12, ps.get(0).steps());
        assertEquals("lowres", ps.get(0).negative());
        assertEquals(5L, ps.get(0).seed());
        assertEquals(4.0, ps.get(1).scale());
        assertEquals(Sampler.EULER, ps.get(1).sampler());
        assertNull(ps.get(1).seed());
        assertEquals(1, ps.get(1).index());

        Files.writeString(f, "[prompt]\nwidth = 640\n\n[[prompt.subset]]\nprompt = \"a\"\nwidth = 512\n");
        IOException e = assertThrows(IOException.class, () -> SamplePromptFile.read(f));
        assertTrue(e.getMessage().startsWith(f + ":6: 'width' is set both"), e.getMessage());
    }

    @Test
    void jsonFormTakesObjectsAndLines() throws IOException {
        Path f = dir.resolve("prompts.json");
        Files.writeString(f, """
                [{"prompt": "a cat", "height": 320, "scale": 5.5, "seed": 9},
                 "a dog --n ugly --s 8"]
                """);
        List<SamplePrompt> ps = SamplePromptFile.read(f).prompts();
        assertEquals(320, ps.get(0).height());
        assertEquals(5.5, ps.get(0).scale());
        assertEquals(9L, ps.get(0).seed());
        assertEquals("a dog", ps.get(1).prompt());
        assertEquals("ugly", ps.get(1).negative());
        assertEquals(8, ps.get(1).steps());

        Files.writeString(f, "[{\"prompt\": \"a\", \"widht\": 5}]");
        IOException e = assertThrows(IOException.class, () -> SamplePromptFile.read(f));
        assertTrue(e.getMessage().startsWith(f + ": entry 1: unknown key 'widht'"), e.getMessage());
    }

    @Test
    void unknownExtensionIsRefused() throws IOException {
        Path f = dir.resolve("prompts.yaml");
        Files.writeString(f, "a cat");
        IOException e = assertThrows(IOException.class, () -> SamplePromptFile.read(f));
        assertTrue(e.getMessage().contains(".txt, .toml or .json"), e.getMessage());
    }
}
