package org.danlu.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.danlu.engine.tensor.SafetensorsFile;

/**
 * The tiny-sd fixture (reference outputs of diffusers 0.27 / transformers 4.36, see its README) and the check it
 * suggests: |x − golden| ≤ 1e-4 + 1e-4·|golden| elementwise in fp32 on CPU.
 */
public final class TinySdGolden {
    public static final Path ROOT = Path.of("../shared/fixtures/tiny-sd");

    private TinySdGolden() {}

    /** A fixture path that must exist; a missing fixture fails the test with the fix, it never skips. */
    public static Path path(String relative) {
        Path p = ROOT.resolve(relative);
        assertTrue(Files.exists(p), "missing fixture " + p.toAbsolutePath()
                + ": ../shared (the shared fixtures) must sit beside the project root");
        return p;
    }

    public static SafetensorsFile open(String goldenName) throws IOException {
        return SafetensorsFile.open(path("golden/" + goldenName));
    }

    public static NDArray load(SafetensorsFile f, String name, NDManager m) throws IOException {
        return f.load(name, m, DataType.FLOAT32);
    }

    /**
     * Asserts the tolerance and returns the max abs error (printed, so a run shows how close each tensor is).
     */
    public static double assertClose(String what, NDArray golden, NDArray actual) {
        assertArrayEquals(golden.getShape().getShape(), actual.getShape().getShape(), what + ": shape");
        float[] g = golden.toType(DataType.FLOAT32, false).toFloatArray();
        float[] a = actual.toType(DataType.FLOAT32, false).toFloatArray();
        double maxErr = 0;
        int worst = -1;
        for (int i = 0; i < g.length; i++) {
            double err = Math.abs((double) a[i] - g[i]);
            if (!(err <= 1e-4 + 1e-4 * Math.abs(g[i]))) {
                fail(what + ": element " + i + " is " + a[i] + ", golden " + g[i] + " (|diff| " + err + ")");
            }
            if (err > maxErr) {
                maxErr = err;
                worst = i;
            }
        }
        System.out.printf("golden %-40s max abs error %.3e (at %d)%n", what, maxErr, worst);
        return maxErr;
    }
}
