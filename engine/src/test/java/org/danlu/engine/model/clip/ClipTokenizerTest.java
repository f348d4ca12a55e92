package org.danlu.engine.model.clip;

import static org.danlu.engine.model.clip.TinyClipTokenizerJson.BOS;
import static org.danlu.engine.model.clip.TinyClipTokenizerJson.EOS;
import static org.danlu.engine.model.clip.TinyClipTokenizerJson.end;
import static org.danlu.engine.model.clip.TinyClipTokenizerJson.mid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLIP tokenizer on DJL's native HuggingFace tokenizers, with a tiny vocabulary (see TinyClipTokenizerJson). */
class ClipTokenizerTest {
    @TempDir
    Path dir;

    @Test
    void bpeFollowsTheMergeRanksWithLowercasingAndPunctuationSplit() throws IOException {
        try (ClipTokenizer t = ClipTokenizer.open(TinyClipTokenizerJson.write(dir), ClipTokenizer.SD1_PAD)) {
            // "Hello, cat!" → lowercase, split into "hello" "," "cat" "!"; hello: h e l l o</w> → he l l o</w> →
            // he ll o</w> → hell o</w> → hello</w> (191); cat: c a t</w> → ca t</w> → cat</w> (193);
            // punctuation words end at once: ",</w>" 94+44−33 = 105, "!</w>" 94.
            assertArrayEquals(new long[] {191, 105, 193, 94}, t.tokens("Hello, cat!"));
            // No merge applies to "dog": d o g</w>.
            assertArrayEquals(new long[] {mid('d'), mid('o'), end('g')}, t.tokens("  DOG "));
            assertEquals(BOS, t.bos());
            assertEquals(EOS, t.eos());
            assertEquals(EOS, t.pad(), "SD1 pads with <|endoftext|>");
        }
    }

    @Test
    void tokenStartsPointIntoTheJavaStringPastCjkAndSurrogatePairs() throws IOException {
        try (ClipTokenizer t = ClipTokenizer.open(TinyClipTokenizerJson.write(dir), ClipTokenizer.SD1_PAD)) {
            // "hello, cat": hello</w> at 0, ",</w>" at 5, cat</w> at 7.
            assertArrayEquals(new int[] {0, 5, 7}, t.tokenStarts("hello, cat"));
            // 猫 (one char) and 😀 (a surrogate pair, two chars) are outside the tiny vocabulary, so they become unknown
            // tokens; whatever their count, "cat" must start where Java's indexOf finds it.
            String s = "猫😀, cat";
            int[] starts = t.tokenStarts(s);
            assertEquals(t.tokens(s).length, starts.length);
            assertEquals(s.indexOf("cat"), starts[starts.length - 1], Arrays.toString(starts));
            assertEquals(s.indexOf(","), starts[starts.length - 2], Arrays.toString(starts));
        }
    }

    @Test
    void encodePadsWithEosToSeventySevenLikeTheSd1Tokenizer() throws IOException {
        try (ClipTokenizer t = ClipTokenizer.open(TinyClipTokenizerJson.write(dir), ClipTokenizer.SD1_PAD)) {
            long[] ids = t.encode("hello cat", 77);
            long[] expected = new long[77];
            Arrays.fill(expected, EOS);
            expected[0] = BOS;
            expected[1] = 191;
            expected[2] = 193;
            assertArrayEquals(expected, ids);
        }
    }

    @Test
    void sd2PadsWithTheExclamationMarkIdZeroAndTruncatesToSeventyFiveTokens() throws IOException {
        try (ClipTokenizer t = ClipTokenizer.open(TinyClipTokenizerJson.write(dir), ClipTokenizer.SD2_PAD)) {
            assertEquals(0, t.pad());
            long[] padded = t.encode("cat", 77);
            assertEquals(BOS, padded[0]);
            assertEquals(193, padded[1]);
            assertEquals(EOS, padded[2]);
            assertTrue(Arrays.stream(padded, 3, 77).allMatch(x -> x == 0));
            // 100 words of "cat": truncation keeps 75 tokens, then EOS, as truncation=True with max_length 77 does.
            long[] cut = t.encode("cat ".repeat(100), 77);
            assertEquals(77, cut.length);
            assertTrue(Arrays.stream(cut, 1, 76).allMatch(x -> x == 193));
            assertEquals(EOS, cut[76]);
            // Raw tokens are never cut by a default in the native tokenizer (DJL's would be 512).
            assertEquals(600, t.tokens("cat ".repeat(600)).length);
        }
    }

    @Test
    void aPadTokenNamedBesideTheFileWins() throws IOException {
        Path json = TinyClipTokenizerJson.write(dir);
        Files.writeString(dir.resolve("special_tokens_map.json"),
                "{\"pad_token\": {\"content\": \"!\", \"lstrip\": false}, \"eos_token\": \"<|endoftext|>\"}");
        try (ClipTokenizer t = ClipTokenizer.open(json, ClipTokenizer.SD1_PAD)) {
            assertEquals(0, t.pad());
        }
    }

    @Test
    void windowsOf150CutTheCaptionAsKohyaDoes() throws IOException {
        try (ClipTokenizer t = ClipTokenizer.open(TinyClipTokenizerJson.write(dir), ClipTokenizer.SD1_PAD)) {
            // 80 tokens: 76 × cat, 4 × dog's three pieces would overflow, so use 80 × "cat" (193 each).
            long[][] w = t.windows("cat ".repeat(80), 150);
            assertEquals(2, w.length);
            // Window 0: BOS, tokens 0..74, then ids[-1] of the 152-long sequence, which is padding = EOS.
            long[] w0 = new long[77];
            Arrays.fill(w0, 193);
            w0[0] = BOS;
            w0[76] = EOS;
            assertArrayEquals(w0, w[0]);
            // Window 1: BOS, tokens 75..79, EOS, padding (EOS) to 77.
            long[] w1 = new long[77];
            Arrays.fill(w1, EOS);
            w1[0] = BOS;
            Arrays.fill(w1, 1, 6, 193);
            assertArrayEquals(w1, w[1]);
            assertEquals(1, t.windows("cat", null).length);
            assertThrows(IllegalArgumentException.class, () -> t.windows("cat", 100));
        }
    }

    @Test
    void aFileThatIsNoClipTokenizerIsRefusedByName() throws IOException {
        Path bad = dir.resolve("tokenizer.json");
        Files.writeString(bad, "{\"model\": {\"type\": \"WordPiece\", \"vocab\": {}}}");
        IOException e = assertThrows(IOException.class, () -> ClipTokenizer.open(bad, ClipTokenizer.SD1_PAD));
        assertTrue(e.getMessage().contains(bad.toString()) && e.getMessage().contains("BPE"), e.getMessage());
    }

    @Test
    void aFileThatIsNoJsonIsRefusedByNameWithTheParsersWordsOnOneLine() throws IOException {
        Path bad = dir.resolve("tokenizer.json");
        Files.writeString(bad, "{ not json");
        IOException e = assertThrows(IOException.class, () -> ClipTokenizer.open(bad, ClipTokenizer.SD1_PAD));
        assertTrue(e.getMessage().startsWith(bad + ": not valid JSON: "), e.getMessage());
        assertTrue(e.getMessage().contains("line 1 column"), e.getMessage());
        assertFalse(e.getMessage().contains("Exception") || e.getMessage().contains("\n"), e.getMessage());
    }
}
