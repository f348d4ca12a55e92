package org.danlu.engine.lora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.danlu.engine.model.clip.ClipTextConfig;
import org.danlu.engine.model.clip.ClipTextModel;
import org.danlu.engine.tensor.DType;
import org.danlu.engine.tensor.SafetensorsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A LoRA saved as a kohya file reloads into the same network, in every save precision, with its metadata. */
class LoraFileTest {

    @TempDir
    Path dir;

    private static ClipTextModel tinyTextEncoder() {
        // tiny-sd's text encoder shape (hidden 32, 5 layers); weights are not needed to save a LoRA on it.
        return new ClipTextModel(new ClipTextConfig(1000, 32, 37, 5, 4, 77, "quick_gelu", 1e-5f, 998, 999, 1));
    }

    private static LoraNetwork trainedLooking(NDManager m) {
        LoraNetwork net = LoraNetwork.create(null, tinyTextEncoder(), LoraSpec.of(4, 2f));
        net.initialize(m, 3);
        // up is zero after init; give it values so a reload that dropped it would show
        int k = 0;
        for (LoraModule lm : net.all()) {
            lm.upWeight().set(m.randomNormal(0, 0.1f, lm.upWeight().shape(), DataType.FLOAT32).add(k++ * 1e-3f));
        }
        return net;
    }

    @Test
    void fp32FileReloadsIntoAnIdenticalNetwork() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            LoraNetwork net = trainedLooking(m);
            Path f = dir.resolve("a.safetensors");
            Map<String, String> md = new LinkedHashMap<>();
            md.put("ss_network_dim", "4");
            md.put("ss_network_alpha", "2.0");
            String hash = LoraFile.save(net, f, DType.F32, md);
            try (SafetensorsFile sf = SafetensorsFile.open(f)) {
                assertEquals(net.kohyaShapes().keySet(), sf.tensors().keySet());
                assertEquals("4", sf.metadata().get("ss_network_dim"));
                assertEquals("2.0", sf.metadata().get("ss_network_alpha"));
                assertEquals(hash, sf.metadata().get("sshs_model_hash"));
                assertEquals(dataSectionSha256(f), hash, "sshs_model_hash is the SHA-256 of the bytes after the header");
                List<String> unknown = new ArrayList<>();
                LoraNetwork back = LoraNetwork.fromFile(sf, null, tinyTextEncoder(), m, unknown);
                assertEquals(List.of(), unknown);
                assertEquals(net.all().size(), back.all().size());
                for (int i = 0; i < net.all().size(); i++) {
                    LoraModule a = net.all().get(i);
                    LoraModule b = back.textEncoderModules().get(a.kohyaName());
                    assertEquals(a.alpha(), b.alpha());
                    assertArrayEquals(a.downWeight().get().toFloatArray(), b.downWeight().get().toFloatArray());
                    assertArrayEquals(a.upWeight().get().toFloatArray(), b.upWeight().get().toFloatArray());
                }
            }
        }
    }

    @Test
    void halfPrecisionFilesHoldTheRoundedValues() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            LoraNetwork net = trainedLooking(m);
            for (DType p : List.of(DType.F16, DType.BF16)) {
                Path f = dir.resolve(p + ".safetensors");
                LoraFile.save(net, f, p, Map.of());
                try (SafetensorsFile sf = SafetensorsFile.open(f)) {
                    LoraModule lm = net.all().get(0);
                    String key = lm.kohyaName() + ".lora_up.weight";
                    assertEquals(p, sf.info(key).dtype());
                    float[] want = lm.upWeight().get().toFloatArray();
                    float[] got = sf.load(key, m, DataType.FLOAT32).toFloatArray();
                    for (int i = 0; i < want.length; i++) {
                        // half an ulp: bf16 keeps 8 significant bits (rel. error ≤ 2^-8), fp16 11 bits (≤ 2^-11; normal range here)
                        double tol = (p == DType.BF16 ? Math.pow(2, -8) : Math.pow(2, -11)) * Math.abs(want[i]) + 1e-7;
                        assertEquals(want[i], got[i], tol, p + " element " + i);
                    }
                    NDArray alpha = sf.load(lm.kohyaName() + ".alpha", m, DataType.FLOAT32);
                    assertEquals(2f, alpha.getFloat());
                }
            }
        }
    }

    @Test
    void bf16RoundsToNearestEven() {
        // 1 + 2^-8 lies exactly between bf16 neighbours 1.0 (0x3F80, even) and 1 + 2^-7 (0x3F81): ties go to even.
        assertEquals((short) 0x3F80, LoraFile.bf16(1f + (float) Math.pow(2, -8)));
        // 1 + 3·2^-8 lies between 0x3F81 (odd) and 0x3F82 (even): to even, up.
        assertEquals((short) 0x3F82, LoraFile.bf16(1f + 3 * (float) Math.pow(2, -8)));
        assertEquals((short) 0xC000, LoraFile.bf16(-2f));
    }

    @Test
    void savePrecisionNamesAreKohyas() {
        assertEquals(DType.F32, LoraFile.savePrecision(null));
        assertEquals(DType.F32, LoraFile.savePrecision("float"));
        assertEquals(DType.F16, LoraFile.savePrecision("fp16"));
        assertEquals(DType.BF16, LoraFile.savePrecision("bf16"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LoraFile.savePrecision("fp8"));
        assertEquals("save_precision = \"fp8\" is not known; use float, fp16 or bf16", e.getMessage());
    }

    private static String dataSectionSha256(Path f) throws Exception {
        byte[] all = Files.readAllBytes(f);
        long headerLen = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(all, (int) (8 + headerLen), (int) (all.length - 8 - headerLen));
        return HexFormat.of().formatHex(md.digest());
    }
}
