package org.danlu.engine.model.clip;

import static org.danlu.engine.model.clip.TinyClipTokenizerJson.BOS;
import static org.danlu.engine.model.clip.TinyClipTokenizerJson.EOS;
import static org.danlu.engine.model.clip.TinyClipTokenizerJson.end;
import static org.danlu.engine.model.clip.TinyClipTokenizerJson.mid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Weighted tokenization (kohya's {@code tokenize_with_weights}) with the tiny CLIP vocabulary of
 * {@link TinyClipTokenizerJson}: cat&lt;/w&gt; = 193, hello&lt;/w&gt; = 191, ",&lt;/w&gt;" = 105, "dog" = d o g&lt;/w&gt;.
 */
class WeightedWindowsTest {
    @TempDir
    Path dir;

    @Test
    void eachRunsWeightGoesToEachOfItsTokensAndSpecialsGetOne() throws IOException {
        try (ClipTokenizer t = ClipTokenizer.open(TinyClipTokenizerJson.write(dir), ClipTokenizer.SD1_PAD)) {
            // Runs: "hello, " 1.0, "cat" 1.5, " " 1.0... merged: ("hello, ", 1.0) ("cat", 1.5) (" ", 1.0)
            // ("dog", 1/1.1). Tokens: hello</w> ",</w>" | cat</w> | (none) | d o g</w>.
            WeightedWindows w = t.weightedWindows("hello, (cat:1.5) [dog]", null);
            long[] ids = new long[77];
            Arrays.fill(ids, EOS);
            long[] head = {BOS, 191, 105, 193, mid('d'), mid('o'), end('g'), EOS};
            System.arraycopy(head, 0, ids, 0, head.length);
            assertArrayEquals(new long[][] {ids}, w.ids());
            float[] weights = new float[77];
            Arrays.fill(weights, 1f);
            weights[3] = 1.5f;
            float dog = (float) (1 / 1.1); // torch.tensor of the Python float: float32
            weights[4] = dog;
            weights[5] = dog;
            weights[6] = dog;
            assertArrayEquals(new float[][] {weights}, w.weights());
        }
    }

    @Test
    void withoutBracketsTheIdsAreThePlainWindowsAndEveryWeightIsOne() throws IOException {
        try (ClipTokenizer t = ClipTokenizer.open(TinyClipTokenizerJson.write(dir), ClipTokenizer.SD2_PAD)) {
            for (String caption : new String[] {"", "hello, cat", "cat ".repeat(100)}) {
                for (Integer max : new Integer[] {null, 150, 225}) {
                    WeightedWindows w = t.weightedWindows(caption, max);
                    assertArrayEquals(t.windows(caption, max), w.ids(), caption + " / " + max);
                    for (float[] row : w.weights()) {
                        float[] ones = new float[77];
                        Arrays.fill(ones, 1f);
                        assertArrayEquals(ones, row, caption + " / " + max);
                    }
                }
            }
        }
    }

    @Test
    void weightsFollowTheirTokensAcrossWindowsAndAreCutWithThem() throws IOException {
        try (ClipTokenizer t = ClipTokenizer.open(TinyClipTokenizerJson.write(dir), ClipTokenizer.SD1_PAD)) {
            // 74 × cat</w>, then d o g</w> at weight 2: 77 tokens at max_token_length 150 (BOS, 77 tokens, EOS, pad
            // to 152). Window 0 = BOS, cats 1..74, d at slot 75, last slot = ids[-1] = EOS (pad = EOS): weights
            // 1, 1×74, 2, 1. Window 1 = BOS, o, g</w>, EOS…: weights 1, 2, 2, then 1.
            String caption = "cat ".repeat(74) + "(dog:2)";
            WeightedWindows w = t.weightedWindows(caption, 150);
            assertArrayEquals(t.windows("cat ".repeat(74) + "dog", 150), w.ids(), "same tokens as unweighted");
            float[] w0 = ones();
            w0[75] = 2f;
            float[] w1 = ones();
            w1[1] = 2f;
            w1[2] = 2f;
            assertArrayEquals(new float[][] {w0, w1}, w.weights());

            // At 75 tokens the dog is cut after "d": its weight stays, o and g are gone.
            WeightedWindows cut = t.weightedWindows(caption, null);
            assertEquals(mid('d'), cut.ids()[0][75]);
            assertEquals(EOS, cut.ids()[0][76]);
            float[] c0 = ones();
            c0[75] = 2f;
            assertArrayEquals(new float[][] {c0}, cut.weights());
        }
    }

    private static float[] ones() {
        float[] f = new float[77];
        Arrays.fill(f, 1f);
        return f;
    }
}
