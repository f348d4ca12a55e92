package org.danlu.engine.model.unet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.danlu.engine.lora.LoraNetwork;
import org.danlu.engine.model.nn.AttentionMode;
import org.danlu.engine.model.nn.Weights;
import org.danlu.engine.tensor.SafetensorsFile;
import org.junit.jupiter.api.Test;

/**
 * Mixed precision as training on a GPU runs it: frozen weights in fp16 (the fixture's weights are
 * fp16-representable, so loading them as fp16 is exact), a LoRA in fp32 cast at its boundary. fp16 keeps
 * 11 significant bits, so through ~50 layers the output drifts from the fp32 golden by a few units in the
 * third digit (measured 5e-3); 0.02 on values up to 2.4 bounds that and still fails on any real bug (≥ 0.1).
 */
class UNetHalfPrecisionTest {
    @Test
    void fp16WeightsWithAnFp32LoraStayNearTheGolden() throws Exception {
        try (NDManager m = NDManager.newBaseManager(); AttentionMode.Choice sdpa = AttentionMode.SDPA.resolve(m);
                SafetensorsFile g = SafetensorsFile.open(TinySd.file("golden/lora_case1.safetensors"));
                SafetensorsFile kohya = SafetensorsFile.open(TinySd.file("golden/lora_case1_kohya.safetensors"))) {
            UNet2DConditionModel unet = new UNet2DConditionModel(UNetConfig.read(TinySd.file("unet/config.json")));
            try (SafetensorsFile f = SafetensorsFile.open(TinySd.file("unet/diffusion_pytorch_model.safetensors"))) {
                Weights.load(unet, Weights.of(f), m, DataType.FLOAT16);
            }
            unet.setAttention(sdpa.function());
            List<String> unknown = new ArrayList<>();
            LoraNetwork lora = LoraNetwork.fromFile(kohya, unet, null, m, unknown);
            assertEquals(List.of(), unknown);
            lora.setMultiplier(g.load("multiplier", m).getFloat());
            lora.attach();
            NDArray out = unet.forward(g.load("sample", m, DataType.FLOAT16), g.load("timestep", m),
                    g.load("encoder_hidden_states", m, DataType.FLOAT16));
            assertEquals(DataType.FLOAT16, out.getDataType());
            float err = out.toType(DataType.FLOAT32, false).sub(g.load("out", m)).abs().max().getFloat();
            System.out.printf("fp16 UNet + fp32 LoRA vs fp32 golden: max abs diff %.3e%n", err);
            assertTrue(err < 0.02f, "fp16 drifted " + err + " from the fp32 golden");
        }
    }
}
