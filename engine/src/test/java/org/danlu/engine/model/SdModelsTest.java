package org.danlu.engine.model;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.danlu.engine.model.load.Architecture;
import org.danlu.engine.model.load.Checkpoint;
import org.danlu.engine.model.load.Component;
import org.danlu.engine.model.load.LoadReport;
import org.danlu.engine.tensor.DType;
import org.danlu.engine.tensor.SafetensorsFile;
import org.danlu.engine.tensor.SafetensorsWriter;
import org.danlu.engine.tensor.TensorInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SdModelsTest {

    @Test
    void bothLayoutsFitTheirModelTreesExactly() throws IOException {
        for (Path p : List.of(TinySdGolden.ROOT, TinySdGolden.path("tiny-sd-ldm.safetensors"))) {
            try (Checkpoint c = Checkpoint.open(p)) {
                Map<Component, LoadReport> fit = SdModels.fit(c);
                assertEquals(3, fit.size());
                fit.values().forEach(r -> assertTrue(r.clean(), p + ": " + r.describe(10)));
            }
        }
    }

    @Test
    void loadsAllThreeModelsFromTheSingleFile() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            SdModels s = SdModels.load(TinySdGolden.path("tiny-sd-ldm.safetensors"), null, m, DataType.FLOAT32);
            assertEquals(Architecture.SD1, s.architecture());
            assertEquals("epsilon", s.predictionType());
            // every parameter was filled: a missing one would throw on get()
            s.unet().namedParameters().values().forEach(p -> assertTrue(p.isSet(), p.name()));
            s.textEncoder().namedParameters().values().forEach(p -> assertTrue(p.isSet(), p.name()));
            s.vae().namedParameters().values().forEach(p -> assertTrue(p.isSet(), p.name()));
            assertEquals(DataType.FLOAT32, s.unet().namedParameters().get("conv_in.weight").get().getDataType());
        }
    }

    @Test
    void aMisShapedTensorIsReportedAndRefusedBeforeLoading(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("bad.safetensors");
        SafetensorsWriter w = new SafetensorsWriter();
        try (SafetensorsFile f = SafetensorsFile.open(TinySdGolden.path("tiny-sd-ldm.safetensors"))) {
            for (TensorInfo t : f.tensors().values()) {
                if (t.name().equals("first_stage_model.decoder.conv_out.bias")) {
                    w.add(t.name(), DType.F16, new long[] {4}, new byte[8]); // RGB has 3 channels
                } else {
                    ByteBuffer b = f.bytes(t.name());
                    byte[] data = new byte[b.remaining()];
                    b.get(data);
                    w.add(t.name(), t.dtype(), t.shape(), data);
                }
            }
        }
        w.write(p);
        try (Checkpoint c = Checkpoint.open(p); NDManager m = NDManager.newBaseManager()) {
            LoadReport vae = SdModels.fit(c).get(Component.VAE);
            assertEquals(List.of("decoder.conv_out.bias: checkpoint [4] (first_stage_model.decoder.conv_out.bias) vs model [3]"),
                    vae.misShaped());
            IOException e = assertThrows(IOException.class, () -> SdModels.load(p, null, m, DataType.FLOAT32));
            assertTrue(e.getMessage().contains("1 mis-shaped"), e.getMessage());
        }
    }
}
