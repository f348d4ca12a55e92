package org.danlu.engine.lora;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.danlu.engine.model.TinySdGolden;
import org.danlu.engine.model.clip.ClipTextConfig;
import org.danlu.engine.model.clip.ClipTextModel;
import org.danlu.engine.model.nn.Linear;
import org.danlu.engine.model.nn.Module;
import org.danlu.engine.model.nn.Weights;
import org.danlu.engine.model.unet.UNet2DConditionModel;
import org.danlu.engine.model.unet.UNetConfig;
import org.danlu.engine.tensor.SafetensorsFile;
import org.junit.jupiter.api.Test;

/**
 * The LoRA network against what sd-scripts itself produces: its key lists (../shared/kohya-lora-keys, generated
 * by running sd-scripts' LoRANetwork on the published SD configs) and the fixture's kohya LoRA files with the
 * reference outputs computed from merged weights.
 */
class LoraNetworkTest {

    @Test
    void sd1KeysAndShapesAreExactlySdScripts() throws IOException {
        LoraNetwork net = LoraNetwork.create(new UNet2DConditionModel(UNetConfig.sd15()),
                new ClipTextModel(ClipTextConfig.sd1()), LoraSpec.of(16, 8f));
        assertEquals(kohyaList("sd1_dim16_alpha8.txt"), shapes(net));
        assertEquals(192, net.unetModules().size()); // kohya-compat §4.1: 16 transformer blocks x 12
        assertEquals(72, net.textEncoderModules().size());
    }

    @Test
    void sd1WithConvDimAddsResnetAndSamplerConvs() throws IOException {
        LoraNetwork net = LoraNetwork.create(new UNet2DConditionModel(UNetConfig.sd15()),
                new ClipTextModel(ClipTextConfig.sd1()), LoraSpec.of(16, 8f).withConv(8, 1f));
        assertEquals(kohyaList("sd1_dim16_conv8.txt"), shapes(net));
        assertEquals(278, net.unetModules().size()); // kohya-compat §4.1
    }

    @Test
    void sd2KeysSaveLinearProjectionsAs1x1ConvLikeSdScripts() throws IOException {
        // sd-scripts builds SD2 with conv proj_in/proj_out for LoRA, so its files hold [r, in, 1, 1] there.
        LoraNetwork net = LoraNetwork.create(new UNet2DConditionModel(UNetConfig.sd21()),
                new ClipTextModel(ClipTextConfig.sd2()), LoraSpec.of(16, 8f));
        assertEquals(kohyaList("sd2_dim16_alpha8.txt"), shapes(net));
        assertEquals(138, net.textEncoderModules().size());
    }

    @Test
    void trainUnetOnlyDropsTextEncoderModules() {
        LoraNetwork net = LoraNetwork.create(new UNet2DConditionModel(UNetConfig.sd15()),
                new ClipTextModel(ClipTextConfig.sd1()), LoraSpec.of(4, 1f).unetOnly());
        assertTrue(net.textEncoderModules().isEmpty());
        assertEquals(192, net.unetModules().size());
    }

    @Test
    void kohyaFixtureFilesReproduceTheReferenceOutputs() throws IOException {
        for (String c : List.of("lora_case1", "lora_case2")) {
            try (NDManager m = NDManager.newBaseManager();
                    SafetensorsFile kohya = TinySdGolden.open(c + "_kohya.safetensors");
                    SafetensorsFile golden = TinySdGolden.open(c + ".safetensors")) {
                UNet2DConditionModel unet = fixtureUnet(m);
                List<String> unknown = new ArrayList<>();
                LoraNetwork net = LoraNetwork.fromFile(kohya, unet, null, m, unknown);
                assertEquals(List.of(), unknown);
                float multiplier = Float.parseFloat(kohya.metadata().get("golden_multiplier"));
                net.setMultiplier(multiplier);
                net.attach();
                try (NDManager step = m.newSubManager()) {
                    NDArray out = unet.forward(golden.load("sample", step), golden.load("timestep", step),
                            golden.load("encoder_hidden_states", step));
                    TinySdGolden.assertClose(c + " out with kohya LoRA", golden.load("out", step), out);
                    assertTrue(out.sub(golden.load("out_without_lora", step)).abs().max().getFloat() > 0.1f,
                            "the LoRA must move the output (the golden moves by up to 0.45)");
                }
                net.detach();
                try (NDManager step = m.newSubManager()) {
                    NDArray out = unet.forward(golden.load("sample", step), golden.load("timestep", step),
                            golden.load("encoder_hidden_states", step));
                    TinySdGolden.assertClose(c + " out after detach", golden.load("out_without_lora", step), out);
                }
            }
        }
    }

    @Test
    void mergedWeightsEqualTheReferenceMerge() throws IOException {
        // lora_case2 holds W' = W + m·(alpha/rank)·(up @ down) per module (diffusers names), incl. a 1x1 conv.
        try (NDManager m = NDManager.newBaseManager();
                SafetensorsFile kohya = TinySdGolden.open("lora_case2_kohya.safetensors");
                SafetensorsFile golden = TinySdGolden.open("lora_case2.safetensors")) {
            UNet2DConditionModel unet = fixtureUnet(m);
            LoraNetwork net = LoraNetwork.fromFile(kohya, unet, null, m, new ArrayList<>());
            net.setMultiplier(Float.parseFloat(kohya.metadata().get("golden_multiplier")));
            Map<String, Module> modules = unet.namedModules();
            int checked = 0;
            for (String key : golden.tensors().keySet()) {
                if (!key.endsWith(".weight_merged")) {
                    continue;
                }
                String path = key.substring(0, key.length() - ".weight_merged".length());
                LoraModule lm = net.unetModules().get(KohyaNames.of(KohyaNames.UNET, path));
                assertNotNull(lm, "no adapter for " + path);
                Module layer = modules.get(path);
                NDArray w = layer instanceof Linear l ? l.weight().get() : ((org.danlu.engine.model.nn.Conv2d) layer).weight().get();
                NDArray merged = w.add(lm.weightDelta(w.getShape()));
                float diff = merged.sub(golden.load(key, m)).abs().max().getFloat();
                assertTrue(diff <= 1e-6f, path + ": merged weight differs by " + diff);
                checked++;
            }
            assertEquals(4, checked);
        }
    }

    @Test
    void initialWeightsFollowKohya() {
        try (NDManager m = NDManager.newBaseManager()) {
            LoraNetwork net = LoraNetwork.create(null, new ClipTextModel(ClipTextConfig.sd1()), LoraSpec.of(4, 0f));
            net.initialize(m, 1);
            LoraModule fc2 = net.textEncoderModules().get("lora_te_text_model_encoder_layers_0_mlp_fc2");
            // down ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in)) with fan_in = 3072; up = 0; alpha 0 means alpha = rank.
            double bound = 1 / Math.sqrt(3072);
            NDArray down = fc2.downWeight().get();
            assertTrue(down.abs().max().getFloat() <= bound);
            assertTrue(down.abs().max().getFloat() > bound * 0.9, "spread over the whole interval");
            assertEquals(0f, fc2.upWeight().get().abs().max().getFloat());
            assertEquals(4f, fc2.alpha());
            assertEquals(1f, fc2.scale());
        }
    }

    private static UNet2DConditionModel fixtureUnet(NDManager m) throws IOException {
        UNet2DConditionModel unet = new UNet2DConditionModel(UNetConfig.read(TinySdGolden.path("unet/config.json")));
        try (SafetensorsFile f = SafetensorsFile.open(TinySdGolden.path("unet/diffusion_pytorch_model.safetensors"))) {
            Weights.load(unet, Weights.of(f), m, DataType.FLOAT32);
        }
        return unet;
    }

    /** name → "[d0, d1, ...]" as listed in ../shared/kohya-lora-keys (all float32 there). */
    private static Map<String, String> kohyaList(String file) throws IOException {
        Path p = Path.of("../shared/kohya-lora-keys").resolve(file);
        assertTrue(Files.isRegularFile(p), "missing " + p.toAbsolutePath() + ": ../shared must sit beside the project");
        Map<String, String> out = new TreeMap<>();
        for (String line : Files.readAllLines(p)) {
            if (line.isBlank()) {
                continue;
            }
            int sp = line.indexOf(' ');
            int dt = line.lastIndexOf(' ');
            assertEquals("float32", line.substring(dt + 1), line);
            out.put(line.substring(0, sp), line.substring(sp + 1, dt));
        }
        return out;
    }

    private static Map<String, String> shapes(LoraNetwork net) {
        Map<String, String> out = new TreeMap<>();
        net.kohyaShapes().forEach((k, s) -> out.put(k, format(s)));
        return out;
    }

    private static String format(Shape s) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < s.dimension(); i++) {
            b.append(i == 0 ? "" : ", ").append(s.get(i));
        }
        return b.append(']').toString();
    }
}
