package org.danlu.engine.model.clip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import org.danlu.engine.model.TinySdGolden;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Weighted conditioning on the real tiny-sd CLIP text encoder (CPU, float32): kohya's
 * {@code encode_tokens_with_weights} is the plain encoding times each position's weight, nothing else. So weights
 * of 1.0 must give the plain conditioning bit for bit, and a weighted token's state must be exactly weight ×
 * its plain state (one float32 multiplication, which torch and Java round alike) while every other state is
 * unchanged.
 */
class WeightedConditioningTest {
    static NDManager manager;
    static ClipTextModel model;
    static ClipTokenizer tokenizer;

    @BeforeAll
    static void load(@TempDir Path dir) throws Exception {
        manager = NDManager.newBaseManager();
        model = ClipTextModel.load(TinySdGolden.path("text_encoder"), manager, DataType.FLOAT32);
        tokenizer = ClipTokenizer.open(TinyClipTokenizerJson.write(dir), ClipTokenizer.SD1_PAD);
    }

    @AfterAll
    static void close() {
        tokenizer.close();
        manager.close();
    }

    @Test
    void weightsOfOneGiveThePlainConditioningExactly() {
        List<String> captions = List.of("hello, cat dog", "cat ".repeat(90));
        for (Integer max : new Integer[] {null, 150}) {
            for (int clipSkip : new int[] {1, 2}) {
                try (NDManager m = manager.newSubManager()) {
                    List<WeightedWindows> w = captions.stream().map(c -> tokenizer.weightedWindows(c, max)).toList();
                    NDArray ids = TextConditioning.ids(m, w.stream().map(WeightedWindows::ids).toList());
                    NDArray weights = TextConditioning.weights(m, w.stream().map(WeightedWindows::weights).toList());
                    NDArray plain = TextConditioning.encode(model, ids, clipSkip);
                    NDArray weighted = TextConditioning.encode(model, ids, weights, clipSkip);
                    assertEquals(plain.getShape(), weighted.getShape());
                    assertArrayEquals(plain.toFloatArray(), weighted.toFloatArray(), max + " / clip skip " + clipSkip);
                }
            }
        }
    }

    @Test
    void aWeightedTokensStateIsWeightTimesItsPlainState() {
        // 74 cats then (dog:1.5) at max_token_length 150: d is token 75 (window 0, slot 75), o and g tokens 76 and 77
        // (window 1, slots 1 and 2). The stitched conditioning (152 positions) holds window 0's slots 0..75 at
        // positions 0..75 and window 1's slots 1..76 at 76..151, so d, o, g sit at positions 75, 76, 77.
        try (NDManager m = manager.newSubManager()) {
            WeightedWindows w = tokenizer.weightedWindows("cat ".repeat(74) + "(dog:1.5)", 150);
            NDArray ids = TextConditioning.ids(m, List.<long[][]>of(w.ids()));
            NDArray plain = TextConditioning.encode(model, ids, 2); // [1, 152, D]
            NDArray weighted = TextConditioning.encode(model, ids,
                    TextConditioning.weights(m, List.<float[][]>of(w.weights())), 2);
            long d = plain.getShape().get(2);
            assertEquals(new Shape(1, 152, d), weighted.getShape());
            float[] p = plain.toFloatArray();
            float[] q = weighted.toFloatArray();
            for (int pos = 0; pos < 152; pos++) {
                float factor = pos >= 75 && pos <= 77 ? 1.5f : 1f;
                for (int k = 0; k < d; k++) {
                    int i = (int) (pos * d + k);
                    assertEquals(factor * p[i], q[i], "position " + pos + " dim " + k);
                }
            }
            assertNotEquals(p[(int) (75 * d)], q[(int) (75 * d)], "the weight took effect");
        }
    }

    @Test
    void oneWindowScalesItsSeventySevenPositions() {
        // "[cat] hello": cat</w> at position 1 with weight float32(1/1.1), hello</w> at 2 with 1.0.
        try (NDManager m = manager.newSubManager()) {
            WeightedWindows w = tokenizer.weightedWindows("[cat] hello", null);
            NDArray ids = TextConditioning.ids(m, List.<long[][]>of(w.ids()));
            NDArray weighted = TextConditioning.encode(model, ids,
                    TextConditioning.weights(m, List.<float[][]>of(w.weights())), 1);
            float[] p = TextConditioning.encode(model, ids, 1).toFloatArray();
            float[] q = weighted.toFloatArray();
            int d = (int) weighted.getShape().get(2);
            float cat = (float) (1 / 1.1);
            for (int i = 0; i < p.length; i++) {
                assertEquals(i / d == 1 ? cat * p[i] : p[i], q[i], "index " + i);
            }
        }
    }
}
