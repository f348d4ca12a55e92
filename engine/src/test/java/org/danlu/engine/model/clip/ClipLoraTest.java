package org.danlu.engine.model.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Random;
import org.danlu.engine.lora.LoraModule;
import org.danlu.engine.lora.LoraNetwork;
import org.danlu.engine.lora.LoraSpec;
import org.danlu.engine.model.TinySdGolden;
import org.danlu.engine.model.nn.Parameter;
import org.danlu.engine.tensor.SafetensorsFile;
import org.junit.jupiter.api.Test;

/** The text encoder as a kohya LoRA target: the adapted layers, their file names, and gradients through it. */
class ClipLoraTest {
    @Test
    void kohyaAdaptsTheSixLinearsOfEveryLayerUnderItsTeNames() {
        // kohya targets CLIPAttention and CLIPMLP: q/k/v/out_proj, fc1, fc2 in each of SD1's 12 layers; its files
        // name them lora_te_text_model_encoder_layers_<i>_{self_attn_<x>_proj, mlp_fc<n>}.
        LoraNetwork net = LoraNetwork.create(null, new ClipTextModel(ClipTextConfig.sd1()), LoraSpec.of(4, 1f));
        assertEquals(72, net.textEncoderModules().size());
        assertTrue(net.textEncoderModules().containsKey("lora_te_text_model_encoder_layers_0_self_attn_q_proj"));
        assertTrue(net.textEncoderModules().containsKey("lora_te_text_model_encoder_layers_11_mlp_fc2"));
        assertTrue(net.textEncoderModules().containsKey("lora_te_text_model_encoder_layers_5_self_attn_out_proj"));
    }

    @Test
    void gradientsReachTheAdaptersThroughScopedForwardsAndMatchFiniteDifferences() throws Exception {
        try (NDManager m = NDManager.newBaseManager();
                SafetensorsFile g = TinySdGolden.open("text_encoder.safetensors")) {
            ClipTextModel model = ClipTextModel.load(TinySdGolden.path("text_encoder"), m, DataType.FLOAT32);
            LoraNetwork net = LoraNetwork.create(null, model, LoraSpec.of(2, 1f));
            net.initialize(m, 7);
            LoraModule q = net.textEncoderModules().get("lora_te_text_model_encoder_layers_1_self_attn_q_proj");
            Parameter up = q.upWeight();
            Random rng = new Random(3);
            float[] u = new float[(int) up.shape().size()];
            for (int i = 0; i < u.length; i++) u[i] = (float) (rng.nextGaussian() * 0.1); // nonzero: down gets a gradient
            up.set(m.create(u, up.shape()));
            net.attach();
            for (LoraModule lm : net.all()) {
                lm.downWeight().get().setRequiresGradient(true);
                lm.upWeight().get().setRequiresGradient(true);
            }
            NDArray ids = g.load("input_ids", m);
            long[] flat = ids.toLongArray();
            NDArray windows = TextConditioning.ids(m, List.<long[][]>of(new long[][] {java.util.Arrays.copyOfRange(flat, 77, 154),
                    java.util.Arrays.copyOfRange(flat, 0, 77)}));
            float[] pr = new float[152 * 32];
            for (int i = 0; i < pr.length; i++) pr[i] = (float) rng.nextGaussian();
            NDArray probe = m.create(pr, new ai.djl.ndarray.types.Shape(1, 152, 32)); // a random linear read-out
            float gradAt;
            try (NDManager step = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray out = TextConditioning.encode(model, windows, 2); // the step's intermediates are closed already
                gc.backward(out.mul(probe).sum());
                NDArray grad = up.get().getGradient();
                assertNotNull(grad);
                gradAt = grad.toFloatArray()[5];
                assertTrue(q.downWeight().get().getGradient().abs().sum().getFloat() > 0, "down got no gradient");
                out.close();
            }
            // Central difference on up[5]: (L(u+h) − L(u−h)) / 2h; fp32 noise is far below the tolerance.
            float h = 1e-2f;
            double[] l = new double[2];
            for (int s = 0; s < 2; s++) {
                float[] v = u.clone();
                v[5] += s == 0 ? h : -h;
                up.set(m.create(v, up.shape()));
                try (NDManager step = m.newSubManager()) {
                    NDArray out = TextConditioning.encode(model, windows, 2);
                    l[s] = out.mul(probe).sum().getFloat();
                    out.close();
                }
            }
            double numeric = (l[0] - l[1]) / (2 * h);
            System.out.printf("te lora grad up[5]: autograd %.6f, finite difference %.6f%n", gradAt, numeric);
            assertTrue(Math.abs(numeric) > 1e-2, "the probe must make the loss depend on up[5]: " + numeric);
            assertEquals(numeric, gradAt, 2e-2 * Math.max(1, Math.abs(numeric)),
                    "autograd " + gradAt + " vs finite difference " + numeric);
        }
    }
}
