package org.danlu.engine.model;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Path;
import org.danlu.engine.model.nn.AttentionMode;
import org.danlu.engine.tensor.DType;
import org.danlu.engine.tensor.SafetensorsFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code model run} end to end on the goldens: the golden file is the input (its extra tensors are ignored), the
 * written outputs must match the golden outputs within the fixture's tolerance, for the diffusers folder and for
 * the F16 single file (configs derived from its tensors and yaml).
 */
class ComponentRunGoldenTest {

    @ParameterizedTest(name = "{0} from {1}")
    @CsvSource({
        "text_encoder, folder, text_encoder.safetensors",
        "text_encoder, single, text_encoder.safetensors",
        "vae_encoder, folder, vae_encoder.safetensors",
        "vae_encoder, single, vae_encoder.safetensors",
        "vae_decoder, folder, vae_decoder.safetensors",
        "vae_decoder, single, vae_decoder.safetensors",
        "unet, folder, unet.safetensors",
        "unet, single, unet.safetensors",
        "unet, folder, unet_nondiv8.safetensors",
    })
    void outputsMatchTheGoldens(String component, String layout, String golden, @TempDir Path dir) throws IOException {
        Path model = layout.equals("folder") ? TinySdGolden.ROOT : TinySdGolden.path("tiny-sd-ldm.safetensors");
        Path goldenFile = TinySdGolden.path("golden/" + golden);
        Path out = dir.resolve("out.safetensors");
        RunTarget target = RunTarget.parse(component);
        ComponentRun.Result r = ComponentRun.run(new ComponentRun.Request(model, null, target, goldenFile, out, null, 1f,
                Device.cpu(), DataType.FLOAT32, AttentionMode.SDPA));
        assertEquals(target.outputs(), java.util.List.copyOf(r.written().keySet()));
        try (SafetensorsFile written = SafetensorsFile.open(out); SafetensorsFile g = SafetensorsFile.open(goldenFile);
                NDManager m = NDManager.newBaseManager()) {
            assertEquals(target.outputs().size(), written.tensors().size(), "exactly the outputs are written");
            assertEquals(component, written.metadata().get("component"));
            for (String name : target.outputs()) {
                assertEquals(DType.F32, written.info(name).dtype());
                TinySdGolden.assertClose(component + "/" + layout + "/" + name, g.load(name, m, DataType.FLOAT32),
                        written.load(name, m, DataType.FLOAT32));
            }
        }
    }

    /**
     * The kohya-format LoRA goldens through {@code --lora}: inputs and expected {@code out} from lora_caseN, the LoRA
     * from lora_caseN_kohya at the multiplier its metadata names; also with the chunked attention path.
     */
    @ParameterizedTest(name = "{0} on {1}, {2}")
    @CsvSource({
        "lora_case1, folder, sdpa",
        "lora_case2, folder, sdpa",
        "lora_case2, single, chunked",
    })
    void loraFilesMatchTheGoldens(String lora, String layout, String attention, @TempDir Path dir) throws IOException {
        Path model = layout.equals("folder") ? TinySdGolden.ROOT : TinySdGolden.path("tiny-sd-ldm.safetensors");
        Path cases = TinySdGolden.path("golden/" + lora + ".safetensors");
        Path kohya = TinySdGolden.path("golden/" + lora + "_kohya.safetensors");
        float multiplier;
        try (SafetensorsFile k = SafetensorsFile.open(kohya)) {
            multiplier = Float.parseFloat(k.metadata().get("golden_multiplier"));
        }
        Path out = dir.resolve("out.safetensors");
        ComponentRun.Result r = ComponentRun.run(new ComponentRun.Request(model, null, RunTarget.UNET, cases, out, kohya,
                multiplier, Device.cpu(), DataType.FLOAT32, AttentionMode.parse(attention)));
        assertEquals(lora.equals("lora_case1") ? 1 : 4, r.loraModules());
        try (SafetensorsFile written = SafetensorsFile.open(out); SafetensorsFile g = SafetensorsFile.open(cases);
                NDManager m = NDManager.newBaseManager()) {
            TinySdGolden.assertClose(lora + "/" + layout + "/" + attention, g.load("out", m, DataType.FLOAT32),
                    written.load("out", m, DataType.FLOAT32));
            // the LoRA must matter: the golden moves by up to 0.45 / 0.64, far beyond the tolerance
            assertTrue(written.load("out", m).sub(g.load("out_without_lora", m)).abs().max().getFloat() > 0.1f);
        }
    }

    /**
     * Weights and float inputs in float16 (the GPU setting) on the CPU: the output is written as F32 and stays near
     * the fp32 golden (fp16 keeps ~3 significant digits, so 1e-2 relative to the output's range is a loose bound
     * that a wrong cast or a mis-scaled path would still break by far).
     */
    @ParameterizedTest(name = "{0} in float16")
    @CsvSource({"unet, unet.safetensors, out", "vae_decoder, vae_decoder.safetensors, image"})
    void float16RunsStayNearTheGoldens(String component, String golden, String output, @TempDir Path dir) throws IOException {
        Path goldenFile = TinySdGolden.path("golden/" + golden);
        Path out = dir.resolve("out.safetensors");
        ComponentRun.run(new ComponentRun.Request(TinySdGolden.ROOT, null, RunTarget.parse(component), goldenFile, out, null,
                1f, Device.cpu(), DataType.FLOAT16, AttentionMode.CHUNKED));
        try (SafetensorsFile written = SafetensorsFile.open(out); SafetensorsFile g = SafetensorsFile.open(goldenFile);
                NDManager m = NDManager.newBaseManager()) {
            assertEquals("float16", written.metadata().get("dtype"));
            float[] a = written.load(output, m).toFloatArray();
            float[] e = g.load(output, m).toFloatArray();
            float range = 0;
            for (float v : e) {
                range = Math.max(range, Math.abs(v));
            }
            double worst = 0;
            for (int i = 0; i < e.length; i++) {
                worst = Math.max(worst, Math.abs(a[i] - e[i]));
            }
            System.out.printf("float16 %s max abs error %.3e (output range %.2f)%n", component, worst, range);
            assertTrue(worst <= 1e-2 * range, component + ": max abs error " + worst + " > 1% of " + range);
        }
    }
}
