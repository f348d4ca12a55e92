package org.danlu.engine.model.unet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.danlu.engine.lora.LoraDelta;
import org.danlu.engine.model.nn.Conv2d;
import org.danlu.engine.model.nn.Linear;
import org.danlu.engine.model.nn.Module;
import org.danlu.engine.tensor.SafetensorsFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kohya LoRA goldens (lora_case1/2: diffusers module names, reference outputs computed with merged weights)
 * applied as unmerged forward deltas on the fixture UNet.
 */
class UNetLoraGoldenTest {
    static NDManager weights;
    static UNet2DConditionModel unet;

    @BeforeAll
    static void load() throws IOException {
        weights = NDManager.newBaseManager();
        unet = TinySd.unet(weights);
    }

    @AfterAll
    static void close() {
        weights.close();
    }

    @Test
    void case1OneLinearAtMultiplier1() throws IOException {
        assertEquals(1, check("lora_case1"));
    }

    @Test
    void case2FourModulesIncludingA1x1ConvAtMultiplier075() throws IOException {
        assertEquals(4, check("lora_case2"));
    }

    /** Attaches every {@code <module>.lora_down/lora_up/alpha} of the file, runs, compares, detaches. */
    private static int check(String name) throws IOException {
        List<Module> attached = new ArrayList<>();
        try (SafetensorsFile g = SafetensorsFile.open(TinySd.file("golden/" + name + ".safetensors"));
                NDManager m = NDManager.newBaseManager()) {
            float multiplier = g.load("multiplier", m).getFloat();
            for (String key : g.tensors().keySet()) {
                if (!key.endsWith(".lora_down")) {
                    continue;
                }
                String path = key.substring(0, key.length() - ".lora_down".length());
                Module target = unet.namedModules().get(path);
                NDArray down = g.load(key, m), up = g.load(path + ".lora_up", m);
                float alpha = g.load(path + ".alpha", m).getFloat();
                if (target instanceof Linear l) {
                    LoraDelta.attach(l, down, up, alpha, multiplier);
                } else if (target instanceof Conv2d c) {
                    LoraDelta.attach(c, down, up, alpha, multiplier);
                } else {
                    throw new AssertionError(name + ": no Linear/Conv2d at '" + path + "' (found " + target + ")");
                }
                attached.add(target);
            }
            NDArray out = unet.forward(g.load("sample", m), g.load("timestep", m), g.load("encoder_hidden_states", m));
            TinySd.assertClose(name + " out (with LoRA)", g.load("out", m), out);
            // The LoRA must matter: the golden moves by up to 0.45/0.64, far beyond the tolerance.
            assertTrue(out.sub(g.load("out_without_lora", m)).abs().max().getFloat() > 0.1f, "LoRA had no effect");
        } finally {
            for (Module t : attached) {
                if (t instanceof Linear l) {
                    l.setDelta(null);
                } else {
                    ((Conv2d) t).setDelta(null);
                }
            }
        }
        return attached.size();
    }
}
