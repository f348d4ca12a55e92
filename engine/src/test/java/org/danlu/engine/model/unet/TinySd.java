package org.danlu.engine.model.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Path;
import org.danlu.engine.model.nn.Weights;
import org.danlu.engine.model.TinySdGolden;
import org.danlu.engine.tensor.SafetensorsFile;

/** The tiny-sd fixture (reference outputs from diffusers 0.27) and the golden comparison rule. */
final class TinySd {
    static final Path ROOT = TinySdGolden.ROOT;

    private TinySd() {}

    static Path file(String relative) {
        return TinySdGolden.path(relative);
    }

    /** The fixture UNet in fp32, its weights owned by {@code manager}. */
    static UNet2DConditionModel unet(NDManager manager) throws IOException {
        UNet2DConditionModel unet = new UNet2DConditionModel(UNetConfig.read(file("unet/config.json")));
        try (SafetensorsFile f = SafetensorsFile.open(file("unet/diffusion_pytorch_model.safetensors"))) {
            Weights.load(unet, Weights.of(f), manager, DataType.FLOAT32);
        }
        return unet;
    }

    /** The fixture's tolerance rule (see {@link TinySdGolden#assertClose}); returns the max abs difference. */
    static double assertClose(String what, NDArray golden, NDArray actual) {
        return TinySdGolden.assertClose(what, golden, actual);
    }
}
