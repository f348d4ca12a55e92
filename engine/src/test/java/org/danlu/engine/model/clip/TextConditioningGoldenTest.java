package org.danlu.engine.model.clip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.List;
import org.danlu.engine.model.TinySdGolden;
import org.danlu.engine.tensor.SafetensorsFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * max_token_length 150 checked against kohya's algorithm worked by hand on the golden ids. The golden input_ids are
 * row 0 = BOS, 5 tokens, EOS, EOS… and row 1 = BOS, 75 tokens, EOS. A caption whose tokens are row 1's 75 followed by
 * row 0's 5 becomes, at max_length 152, BOS, 80 tokens, EOS, EOS×70; kohya's windows [BOS]+ids[1:76]+[ids[-1]] and
 * [BOS]+ids[76:151]+[ids[-1]] are then exactly row 1 and row 0, whose encodings the golden file holds. So the
 * expected stitched states are golden rows: row1[0], row1[1..75], row0[1..75], row0[76].
 */
class TextConditioningGoldenTest {
    static NDManager manager;
    static ClipTextModel model;

    @BeforeAll
    static void load() throws Exception {
        manager = NDManager.newBaseManager();
        model = ClipTextModel.load(TinySdGolden.path("text_encoder"), manager, DataType.FLOAT32);
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void windowsOfTheLongCaptionAreTheGoldenRows() throws Exception {
        try (NDManager m = manager.newSubManager(); SafetensorsFile g = TinySdGolden.open("text_encoder.safetensors")) {
            long[] ids = g.load("input_ids", m).toLongArray();
            long[] row0 = Arrays.copyOfRange(ids, 0, 77);
            long[] row1 = Arrays.copyOfRange(ids, 77, 154);
            long[] tokens = new long[80];
            System.arraycopy(row1, 1, tokens, 0, 75);
            System.arraycopy(row0, 1, tokens, 75, 5);
            long[] padded = TokenWindows.pad(tokens, 152, 998, 999, 999);
            assertArrayEquals(new long[][] {row1, row0}, TokenWindows.split(padded, 999, 999));
        }
    }

    @Test
    void stitchedStatesForClipSkip1And2() throws Exception {
        for (String[] c : new String[][] {{"1", "last_hidden_state"}, {"2", "clip_skip_2"}}) {
            try (NDManager m = manager.newSubManager(); SafetensorsFile g = TinySdGolden.open("text_encoder.safetensors")) {
                long[] ids = g.load("input_ids", m).toLongArray();
                long[] row0 = Arrays.copyOfRange(ids, 0, 77);
                long[] row1 = Arrays.copyOfRange(ids, 77, 154);
                NDArray golden = g.load(c[1], m); // [2, 77, 32]
                // Caption A = windows (row1, row0) as above; caption B = (row0, row1) checks the batch axis.
                NDArray windows = TextConditioning.ids(m, List.of(new long[][] {row1, row0}, new long[][] {row0, row1}));
                NDArray actual = TextConditioning.encode(model, windows, Integer.parseInt(c[0])); // [2, 152, 32]
                NDArray expected = NDArrays.stack(new NDList(expect(golden, 1, 0), expect(golden, 0, 1)), 0);
                TinySdGolden.assertClose("max_token_length 150 clip_skip " + c[0], expected, actual);
            }
        }
    }

    @Test
    void oneWindowIsThePlainEncoding() throws Exception {
        try (NDManager m = manager.newSubManager(); SafetensorsFile g = TinySdGolden.open("text_encoder.safetensors")) {
            NDArray ids = g.load("input_ids", m).reshape(2, 1, 77);
            TinySdGolden.assertClose("max_token_length 75 clip_skip 2", g.load("clip_skip_2", m),
                    TextConditioning.encode(model, ids, 2));
        }
    }

    /** first[0], first[1..75], second[1..75], second[76] from golden rows: [152, 32]. */
    private static NDArray expect(NDArray golden, int first, int second) {
        return NDArrays.concat(new NDList(
                golden.get(new NDIndex("{}, 0:76", first)),
                golden.get(new NDIndex("{}, 1:77", second))), 0);
    }
}
