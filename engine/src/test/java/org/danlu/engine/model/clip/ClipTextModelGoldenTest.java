package org.danlu.engine.model.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.danlu.engine.model.TinySdGolden;
import org.danlu.engine.tensor.SafetensorsFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CLIPTextModel against transformers 4.36's outputs in tiny-sd/golden/text_encoder.safetensors. */
class ClipTextModelGoldenTest {
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
    void configIsReadFromTheFixture() {
        ClipTextConfig c = model.config();
        assertEquals(new ClipTextConfig(1000, 32, 37, 5, 4, 77, "quick_gelu", 1e-5f, 998, 999, 1), c);
        assertEquals(84, model.namedParameters().size(), "the fixture's text encoder holds 84 tensors");
    }

    @Test
    void fullForwardMatchesEveryGoldenOutput() throws Exception {
        try (NDManager m = manager.newSubManager(); SafetensorsFile g = TinySdGolden.open("text_encoder.safetensors")) {
            NDArray ids = g.load("input_ids", m);
            try (ClipTextModel.Output out = model.forward(ids)) {
                TinySdGolden.assertClose("text_encoder last_hidden_state", g.load("last_hidden_state", m),
                        out.lastHiddenState());
                assertEquals(6, out.hiddenStates().size());
                for (int i = 0; i < 6; i++) {
                    TinySdGolden.assertClose("text_encoder hidden_states." + i, g.load("hidden_states." + i, m),
                            out.hiddenStates().get(i));
                }
                TinySdGolden.assertClose("text_encoder penultimate_raw", g.load("penultimate_raw", m),
                        out.hiddenStates().get(4));
                TinySdGolden.assertClose("text_encoder pooler_output", g.load("pooler_output", m), out.pooled());
            }
        }
    }

    @Test
    void clipSkipIsKohyasFinalNormOfAnEarlierLayer() throws Exception {
        try (NDManager m = manager.newSubManager(); SafetensorsFile g = TinySdGolden.open("text_encoder.safetensors")) {
            NDArray ids = g.load("input_ids", m);
            TinySdGolden.assertClose("text_encoder clip_skip_2", g.load("clip_skip_2", m), model.encode(ids, 2));
            TinySdGolden.assertClose("text_encoder clip_skip_1", g.load("last_hidden_state", m), model.encode(ids, 1));
        }
    }

    @Test
    void legacyEosTwoPoolsAtTheLargestIdLikeTheSdConfigs() throws Exception {
        // The published SD configs say eos_token_id 2, for which transformers pools at argmax(input_ids). In the golden
        // ids the largest id is EOS 999 (first at positions 6 and 76), so that branch must give the same pooled rows.
        ClipTextConfig c = model.config();
        ClipTextModel legacy = new ClipTextModel(new ClipTextConfig(c.vocabSize(), c.hiddenSize(), c.intermediateSize(),
                c.numHiddenLayers(), c.numAttentionHeads(), c.maxPositionEmbeddings(), c.hiddenAct(), c.layerNormEps(),
                0, 2, 1));
        try (NDManager m = manager.newSubManager(); SafetensorsFile g = TinySdGolden.open("text_encoder.safetensors");
                SafetensorsFile w = SafetensorsFile.open(TinySdGolden.path("text_encoder/model.safetensors"))) {
            legacy.loadWeights(w, m, DataType.FLOAT32);
            try (ClipTextModel.Output out = legacy.forward(g.load("input_ids", m))) {
                TinySdGolden.assertClose("text_encoder pooler_output (eos 2)", g.load("pooler_output", m), out.pooled());
            }
        }
    }

    @Test
    void forwardLeavesNothingBehindInTheCallersManager() throws Exception {
        try (NDManager m = manager.newSubManager(); SafetensorsFile g = TinySdGolden.open("text_encoder.safetensors")) {
            NDArray ids = g.load("input_ids", m);
            int modelArrays = manager.getManagedArrays().size();
            int before = m.getManagedArrays().size();
            for (int i = 0; i < 3; i++) {
                model.encode(ids, 2).close();
                model.forward(ids).close();
            }
            assertEquals(before, m.getManagedArrays().size(), "intermediates leaked into the caller's manager");
            assertEquals(modelArrays, manager.getManagedArrays().size(), "intermediates leaked into the model's manager");
        }
    }

    @Test
    void clipSkipOutOfRangeNamesTheLimit() {
        try (NDManager m = manager.newSubManager()) {
            NDArray ids = m.create(new long[] {998, 999}, new ai.djl.ndarray.types.Shape(1, 2));
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> model.encode(ids, 7));
            assertTrue(e.getMessage().contains("1..6"), e.getMessage());
        }
    }
}
