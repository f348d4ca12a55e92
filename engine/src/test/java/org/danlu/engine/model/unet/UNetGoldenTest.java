package org.danlu.engine.model.unet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.danlu.engine.tensor.SafetensorsFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.danlu.engine.model.nn.AttentionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The fixture UNet against diffusers 0.27's outputs (golden/unet*.safetensors), with each attention path. */
class UNetGoldenTest {
    static NDManager weights;
    static UNet2DConditionModel unet;
    static AttentionMode.Choice sdpa;

    @BeforeAll
    static void load() throws IOException {
        weights = NDManager.newBaseManager();
        unet = TinySd.unet(weights);
        sdpa = AttentionMode.SDPA.resolve(weights);
        assertEquals(AttentionMode.SDPA, sdpa.mode(), sdpa.note());
    }

    @AfterAll
    static void close() throws Exception {
        sdpa.close();
        weights.close();
    }

    private static String use(AttentionMode mode) {
        unet.setAttention(mode == AttentionMode.SDPA ? sdpa.function() : AttentionMode.CHUNKED.resolve(weights).function());
        return " [" + mode.settingValue() + "]";
    }

    @ParameterizedTest
    @EnumSource(AttentionMode.class)
    void outputMatchesReference(AttentionMode mode) throws IOException {
        check("golden/unet.safetensors", "unet out" + use(mode));
    }

    @ParameterizedTest
    @EnumSource(AttentionMode.class)
    void latentWidthNotMultipleOf8UpsamplesToTheSkipSize(AttentionMode mode) throws IOException {
        check("golden/unet_nondiv8.safetensors", "unet_nondiv8 out" + use(mode));
    }

    @ParameterizedTest
    @EnumSource(AttentionMode.class)
    void everyTopLevelModuleOutputMatchesReference(AttentionMode mode) throws IOException {
        String tag = use(mode);
        try (SafetensorsFile g = SafetensorsFile.open(TinySd.file("golden/unet_intermediates.safetensors"));
                SafetensorsFile in = SafetensorsFile.open(TinySd.file("golden/unet.safetensors"));
                NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> seen = new LinkedHashMap<>();
            NDArray out = unet.forward(in.load("sample", m), in.load("timestep", m), in.load("encoder_hidden_states", m),
                    (name, a) -> {
                        NDArray kept = a.duplicate(); // the original lives in the forward's scope
                        kept.attach(m);
                        seen.put(name, kept);
                    });
            for (String name : g.tensors().keySet()) {
                if (!seen.containsKey(name)) {
                    assertTrue(in.contains(name), "intermediate '" + name + "' was never reported by forward");
                    continue; // an input echoed into the file
                }
                TinySd.assertClose("unet_intermediates " + name + tag, g.load(name, m), seen.get(name));
            }
            assertEquals(14, seen.size(), "reported modules: " + seen.keySet());
            TinySd.assertClose("unet_intermediates conv_out = out" + tag, g.load("conv_out", m), out);
        }
    }

    @ParameterizedTest
    @EnumSource(AttentionMode.class)
    void forwardClosesEveryIntermediateLeavingOnlyItsOutput(AttentionMode mode) throws IOException {
        use(mode);
        int weightArrays = weights.getManagedArrays().size();
        try (SafetensorsFile g = SafetensorsFile.open(TinySd.file("golden/unet.safetensors"));
                NDManager m = NDManager.newBaseManager()) {
            NDArray sample = g.load("sample", m), t = g.load("timestep", m), ctx = g.load("encoder_hidden_states", m);
            int inputs = m.getManagedArrays().size();
            unet.forward(sample, t, ctx);
            unet.forward(sample, t, ctx);
            assertEquals(inputs + 2, m.getManagedArrays().size(), "the caller's manager holds the inputs and two outputs");
            assertTrue(!sample.isReleased() && !ctx.isReleased() && !t.isReleased(), "inputs stay open");
        }
        assertEquals(weightArrays, weights.getManagedArrays().size(), "nothing accumulates in the weights' manager");
    }

    private static void check(String golden, String what) throws IOException {
        try (SafetensorsFile g = SafetensorsFile.open(TinySd.file(golden)); NDManager m = NDManager.newBaseManager()) {
            NDArray out = unet.forward(g.load("sample", m), g.load("timestep", m), g.load("encoder_hidden_states", m));
            TinySd.assertClose(what, g.load("out", m), out);
        }
    }
}
