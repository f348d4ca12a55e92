package org.danlu.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * Small parameter sets with deterministic gradients, plus their plain-Java double copies, so an
 * optimizer's NDArray updates can be compared with its reference formula worked in the test.
 * Parameter 0: a vector [3]; 1: a matrix [2, 3]; 2: zeros [2, 3] (like a fresh LoRA up weight);
 * 3: a conv-shaped [2, 3, 1, 1].
 */
final class OptimizerFixture {

    static final Shape[] SHAPES = {new Shape(3), new Shape(2, 3), new Shape(2, 3), new Shape(2, 3, 1, 1)};

    final List<NDArray> params = new ArrayList<>();
    /** The reference copy, one flat double array per parameter (row-major). */
    final double[][] ref = new double[SHAPES.length][];

    OptimizerFixture(NDManager m) {
        for (int j = 0; j < SHAPES.length; j++) {
            int n = (int) SHAPES[j].size();
            float[] init = new float[n];
            for (int e = 0; e < n; e++) {
                init[e] = j == 2 ? 0f : (float) (0.1 * e - 0.2 + 0.3 * j);
            }
            params.add(m.create(init, SHAPES[j]));
            ref[j] = toDouble(init);
        }
    }

    /** The gradient of parameter j at step t (1-based), as float values. */
    static float[] grad(int j, int t, int n) {
        float[] g = new float[n];
        for (int e = 0; e < n; e++) {
            // A consistent direction plus a wobble, so the D-adapting optimizers see progress and raise D.
            g[e] = (float) (0.4 * Math.sin(1.3 * t + 0.7 * e + j) + 0.3 + 0.05 * j);
        }
        return g;
    }

    List<NDArray> grads(NDManager m, int t) {
        List<NDArray> out = new ArrayList<>();
        for (int j = 0; j < SHAPES.length; j++) {
            out.add(m.create(grad(j, t, (int) SHAPES[j].size()), SHAPES[j]));
        }
        return out;
    }

    static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    void assertMatchesReference(double tol, String what) {
        for (int j = 0; j < SHAPES.length; j++) {
            float[] actual = params.get(j).toFloatArray();
            for (int e = 0; e < actual.length; e++) {
                assertEquals(ref[j][e], actual[e], tol, what + ": parameter " + j + " element " + e);
            }
        }
    }
}
