package org.danlu.engine.model.nn;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AttentionTest {
    @Test
    void matchesTheDefinitionAndChunkingChangesNothing() {
        int t = 5, s = 5, d = 3;
        Random r = new Random(7);
        float[] q = randoms(r, t * d), k = randoms(r, s * d), v = randoms(r, s * d);
        try (NDManager m = NDManager.newBaseManager()) {
            for (boolean causal : new boolean[] {false, true}) {
                NDArray qa = m.create(q, new Shape(1, 1, t, d)), ka = m.create(k, new Shape(1, 1, s, d)), va = m.create(v, new Shape(1, 1, s, d));
                float[] got = Attention.plain(qa, ka, va, causal).toFloatArray();
                float[] chunked = Attention.plainChunked(qa, ka, va, causal, 2).toFloatArray();
                double[] want = reference(q, k, v, t, s, d, causal);
                for (int i = 0; i < want.length; i++) {
                    assertEquals(want[i], got[i], 1e-5, "causal=" + causal + " element " + i);
                    assertEquals(got[i], chunked[i], 1e-6, "chunked, causal=" + causal + " element " + i);
                }
            }
        }
    }

    /** softmax(q·kᵀ/√d) with keys after the query masked out when causal, in double precision. */
    private static double[] reference(float[] q, float[] k, float[] v, int t, int s, int d, boolean causal) {
        double[] out = new double[t * d];
        for (int i = 0; i < t; i++) {
            double[] w = new double[s];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < s; j++) {
                if (causal && j > i) { w[j] = Double.NEGATIVE_INFINITY; continue; }
                double dot = 0;
                for (int c = 0; c < d; c++) dot += q[i * d + c] * k[j * d + c];
                w[j] = dot / Math.sqrt(d);
                max = Math.max(max, w[j]);
            }
            double sum = 0;
            for (int j = 0; j < s; j++) { w[j] = Math.exp(w[j] - max); sum += w[j]; }
            for (int j = 0; j < s; j++) for (int c = 0; c < d; c++) out[i * d + c] += w[j] / sum * v[j * d + c];
        }
        return out;
    }

    private static float[] randoms(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) r.nextGaussian();
        return a;
    }
}
