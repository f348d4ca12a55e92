package org.danlu.engine.model;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Path;
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
    })
    void outputsMatchTheGoldens(String component, String layout, String golden, @TempDir Path dir) throws IOException {
        Path model = layout.equals("folder") ? TinySdGolden.ROOT : TinySdGolden.path("tiny-sd-ldm.safetensors");
        Path goldenFile = TinySdGolden.path("golden/" + golden);
        Path out = dir.resolve("out.safetensors");
        RunTarget target = RunTarget.parse(component);
        ComponentRun.Result r = ComponentRun.run(new ComponentRun.Request(model, null, target, goldenFile, out, null, 1f,
                Device.cpu(), DataType.FLOAT32));
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
}
