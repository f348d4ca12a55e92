package org.danlu.engine.model.unet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.danlu.engine.model.nn.Weights;
import org.danlu.engine.tensor.SafetensorsFile;

/** The tiny-sd fixture (reference outputs from diffusers 0.27) and the golden comparison rule. */
final class TinySd {
    static final Path ROOT = Path.of("../shared/fixtures/tiny-sd");

    private TinySd() {}

    static Path file(String relative) {
        Path p = ROOT.resolve(relative);
        assertTrue(Files.isRegularFile(p), "missing fixture " + p.toAbsolutePath()
                + ": the shared fixtures must sit at ../shared beside the project root");
        return p;
    }

    /** The fixture UNet in fp32, its weights owned by {@code manager}. */
    static UNet2DConditionModel unet(NDManager manager) throws IOException {
        UNet2DConditionModel unet = new UNet2DConditionModel(UNetConfig.read(file("unet/config.json")));
        try (SafetensorsFile f = SafetensorsFile.open(file("unet/diffusion_pytorch_model.safetensors"))) {
            Weights.load(unet, Weights.of(f), manager, DataType.FLOAT32);
        }
        return unet;
    }

    /**
     * Asserts |x − golden| ≤ 1e-4 + 1e-4·|golden| elementwise (the fixture README's rule) and returns the largest
     * absolute difference, for the report.
     */
    static double assertClose(String what, NDArray golden, NDArray actual) {
        assertArrayEquals(golden.getShape().getShape(), actual.getShape().getShape(), what + ": shape");
        float[] g = golden.toFloatArray();
        float[] a = actual.toType(DataType.FLOAT32, false).toFloatArray();
        double max = 0;
        int worst = -1;
        for (int i = 0; i < g.length; i++) {
            double d = Math.abs((double) a[i] - g[i]);
            if (!(d <= 1e-4 + 1e-4 * Math.abs(g[i]))) {
                throw new AssertionError(what + ": element " + i + " is " + a[i] + ", golden " + g[i] + " (diff " + d + ")");
            }
            if (d > max) {
                max = d;
                worst = i;
            }
        }
        System.out.printf("golden %-40s max abs diff %.3e (element %d)%n", what, max, worst);
        return max;
    }
}
