package org.danlu.engine.model.nn;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;

class FusedAttentionTest {
    @Test
    void fusedMatchesChunkedValuesAndGradients() throws Exception {
        try (NDManager m = NDManager.newBaseManager(); FusedAttention fused = FusedAttention.load(m)) {
            m.getEngine().setRandomSeed(3);
            for (boolean causal : new boolean[] {false, true}) {
                NDArray q = m.randomNormal(new Shape(2, 3, 7, 8)), k = m.randomNormal(new Shape(2, 3, 7, 8)),
                        v = m.randomNormal(new Shape(2, 3, 7, 8)), w = m.randomNormal(new Shape(2, 3, 7, 8));
                float[][] a = run(Attention.CHUNKED, q, k, v, w, causal);
                float[][] b = run(fused, q, k, v, w, causal);
                for (int t = 0; t < 4; t++) {
                    for (int i = 0; i < a[t].length; i++) {
                        assertEquals(a[t][i], b[t][i], t == 0 ? 1e-5 : 1e-4, "causal=" + causal + " tensor " + t + " element " + i);
                    }
                }
            }
        }
    }

    @Test
    void settingParsesBothValuesAndNamesThemWhenWrong() throws Exception {
        assertEquals(AttentionMode.SDPA, AttentionMode.parse(" SDPA"));
        assertEquals(AttentionMode.CHUNKED, AttentionMode.parse("chunked"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AttentionMode.parse("flash"));
        assertEquals("attention = 'flash' is not known; use sdpa or chunked", e.getMessage());
        try (NDManager m = NDManager.newBaseManager(); AttentionMode.Choice c = AttentionMode.SDPA.resolve(m)) {
            assertEquals(AttentionMode.SDPA, c.mode(), "sdpa loads with this libtorch: " + c.note());
            assertInstanceOf(FusedAttention.class, c.function());
        }
    }

    /** Output and the gradients of sum(out·w) with respect to q, k, v. */
    private static float[][] run(AttentionFunction f, NDArray q0, NDArray k0, NDArray v0, NDArray w, boolean causal) {
        NDArray q = q0.duplicate(), k = k0.duplicate(), v = v0.duplicate();
        q.setRequiresGradient(true);
        k.setRequiresGradient(true);
        v.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray out = f.apply(q, k, v, causal);
            gc.backward(out.mul(w).sum());
            return new float[][] {out.toFloatArray(), q.getGradient().toFloatArray(), k.getGradient().toFloatArray(),
                    v.getGradient().toFloatArray()};
        }
    }
}
