package org.danlu.engine.model.unet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import org.danlu.engine.lora.LoraModule;
import org.danlu.engine.lora.LoraNetwork;
import org.danlu.engine.model.nn.AttentionFunction;
import org.danlu.engine.model.nn.AttentionMode;
import org.danlu.engine.tensor.SafetensorsFile;
import org.junit.jupiter.api.Test;

/**
 * Training goes through the fused path, so its gradients must equal the reference path's: LoRA weights of
 * lora_case2 (four modules, one of them inside a cross-attention) made trainable, loss = Σ out·w for a fixed
 * random w, gradients of every LoRA tensor compared between sdpa and chunked attention.
 */
class UNetAttentionGradientTest {
    @Test
    void fusedAndChunkedAttentionGiveTheSameLoraGradients() throws Exception {
        try (NDManager m = NDManager.newBaseManager(); AttentionMode.Choice sdpa = AttentionMode.SDPA.resolve(m);
                SafetensorsFile g = SafetensorsFile.open(TinySd.file("golden/lora_case2.safetensors"));
                SafetensorsFile kohya = SafetensorsFile.open(TinySd.file("golden/lora_case2_kohya.safetensors"))) {
            assertEquals(AttentionMode.SDPA, sdpa.mode(), sdpa.note());
            UNet2DConditionModel unet = TinySd.unet(m);
            LoraNetwork net = LoraNetwork.fromFile(kohya, unet, null, m, new ArrayList<>());
            net.setMultiplier(g.load("multiplier", m).getFloat());
            net.attach();
            List<NDArray> trainable = new ArrayList<>();
            for (LoraModule lm : net.all()) {
                for (NDArray p : List.of(lm.downWeight().get(), lm.upWeight().get())) {
                    p.setRequiresGradient(true);
                    trainable.add(p);
                }
            }
            NDArray sample = g.load("sample", m), t = g.load("timestep", m), ctx = g.load("encoder_hidden_states", m);
            m.getEngine().setRandomSeed(11);
            NDArray w = m.randomNormal(sample.getShape());
            List<float[]> fused = gradients(unet, sdpa.function(), trainable, sample, t, ctx, w);
            List<float[]> chunked = gradients(unet, AttentionMode.CHUNKED.resolve(m).function(), trainable, sample, t, ctx, w);
            assertEquals(8, fused.size());
            for (int i = 0; i < fused.size(); i++) {
                double max = 0, scale = 0;
                for (int j = 0; j < fused.get(i).length; j++) {
                    max = Math.max(max, Math.abs(fused.get(i)[j] - chunked.get(i)[j]));
                    scale = Math.max(scale, Math.abs(chunked.get(i)[j]));
                }
                System.out.printf("gradient %d: max |sdpa - chunked| %.3e of max |grad| %.3e%n", i, max, scale);
                assertTrue(scale > 1e-3, "gradient " + i + " vanished");
                assertTrue(max <= 1e-4 * (1 + scale), "gradient " + i + " differs by " + max + " (scale " + scale + ")");
            }
        }
    }

    private static List<float[]> gradients(UNet2DConditionModel unet, AttentionFunction kernel, List<NDArray> params,
            NDArray sample, NDArray t, NDArray ctx, NDArray w) {
        unet.setAttention(kernel);
        long start = System.nanoTime();
        try (NDManager step = sample.getManager().newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray out = unet.forward(sample, t, ctx); // [2, 4, 16, 8]
            out.attach(step);
            NDArray loss = out.mul(w).sum();
            gc.backward(loss);
            List<float[]> grads = new ArrayList<>();
            for (NDArray p : params) {
                NDArray grad = p.getGradient();
                grads.add(grad.toFloatArray());
                grad.muli(0); // gradients accumulate across backward calls: clear for the other path
                grad.close();
            }
            System.out.printf("forward+backward %.1f ms%n", (System.nanoTime() - start) / 1e6);
            return grads;
        }
    }
}
