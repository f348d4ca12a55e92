package org.danlu.engine.train;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a golden safetensors file of {@code ../shared/fixtures/tiny-sd/golden} with DJL's own
 * decoder (fine for these small files; the engine's reader lives in {@code tensor}).
 */
final class Goldens {

    static final Path DIR = Path.of("../shared/fixtures/tiny-sd/golden");

    private Goldens() {
    }

    static NDList load(NDManager manager, String file) {
        Path path = DIR.resolve(file);
        if (!Files.isRegularFile(path)) {
            fail("golden file " + path.toAbsolutePath() + " is missing: run the tests from the project root with ../shared beside it");
        }
        try {
            return NDList.decode(manager, Files.readAllBytes(path));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + path, e);
        }
    }

    static NDArray get(NDList list, String name) {
        NDArray a = list.get(name);
        if (a == null) {
            fail("golden tensor '" + name + "' not found");
        }
        return a;
    }

    /** |actual − golden| ≤ atol + rtol·|golden| elementwise, with the worst element in the message. */
    static void assertClose(NDArray golden, NDArray actual, double atol, double rtol, String what) {
        float[] g = golden.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        float[] a = actual.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        assertTrue(g.length == a.length, what + ": " + a.length + " values, golden has " + g.length);
        double worst = 0;
        int at = -1;
        for (int i = 0; i < g.length; i++) {
            double excess = Math.abs(a[i] - g[i]) - (atol + rtol * Math.abs(g[i]));
            if (excess > worst) {
                worst = excess;
                at = i;
            }
        }
        if (at >= 0) {
            fail(what + ": element " + at + " is " + a[at] + ", golden " + g[at]);
        }
    }
}
