package org.danlu.engine.model.nn;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class GroupNormTest {
    @Test
    void matchesTheDefinitionComputedInPlainJava() {
        // GroupNorm(2 groups, 4 channels) on [1, 4, 1, 2]: groups are channels {0,1} and {2,3}, 4 values each;
        // y = (x - mean_g) / sqrt(var_g + eps) * w_c + b_c with the biased variance, as torch defines it.
        float[] x = {1, 2, 3, 4, 10, 20, 30, 50};
        float[] w = {1f, 2f, 0.5f, -1f};
        float[] b = {0f, 1f, -1f, 0.25f};
        float eps = 1e-5f;
        try (NDManager m = NDManager.newBaseManager()) {
            GroupNorm gn = new GroupNorm(2, 4, eps);
            gn.weight().set(m.create(w));
            gn.bias().set(m.create(b));
            float[] y = gn.forward(m.create(x, new Shape(1, 4, 1, 2))).toFloatArray();
            for (int g = 0; g < 2; g++) {
                double mean = 0, var = 0;
                for (int i = 0; i < 4; i++) mean += x[g * 4 + i];
                mean /= 4;
                for (int i = 0; i < 4; i++) var += Math.pow(x[g * 4 + i] - mean, 2);
                var /= 4;
                for (int i = 0; i < 4; i++) {
                    int c = g * 2 + i / 2;
                    double expected = (x[g * 4 + i] - mean) / Math.sqrt(var + eps) * w[c] + b[c];
                    assertEquals(expected, y[g * 4 + i], 1e-5, "element " + (g * 4 + i));
                }
            }
        }
    }

    @Test
    void namedParametersAreDottedReferencePaths() {
        class Block extends Module {
            final Linear toQ = child("to_q", new Linear(4, 4, false));
            final GroupNorm norm = child("norm", new GroupNorm(2, 4, 1e-5f));
        }
        class Root extends Module {
            final Block block = child("transformer_blocks", new Block());
        }
        assertEquals(java.util.List.of("transformer_blocks.to_q.weight", "transformer_blocks.norm.weight",
                "transformer_blocks.norm.bias"), java.util.List.copyOf(new Root().namedParameters().keySet()));
    }
}
