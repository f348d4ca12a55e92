package org.danlu.engine.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.danlu.engine.tensor.DType;
import org.danlu.engine.tensor.SafetensorsWriter;

/**
 * Writes a {@link LoraNetwork} as the kohya LoRA file A1111, ComfyUI and sd-scripts load: tensors
 * {@code <name>.alpha}, {@code .lora_down.weight}, {@code .lora_up.weight} in {@code save_precision}, the
 * given {@code ss_*} / {@code modelspec.*} metadata, and {@code sshs_model_hash} (SHA-256 of the tensor-data
 * section, which kohya computes the same way). The write is atomic (temp file, fsync, rename).
 */
public final class LoraFile {

    private LoraFile() {
    }

    /** kohya's {@code --save_precision}: {@code float}, {@code fp16}, {@code bf16}; null or empty = fp32 (our training dtype). */
    public static DType savePrecision(String value) {
        if (value == null || value.isBlank()) {
            return DType.F32;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "float", "fp32", "float32" -> DType.F32;
            case "fp16", "float16" -> DType.F16;
            case "bf16", "bfloat16" -> DType.BF16;
            default -> throw new IllegalArgumentException("save_precision = \"" + value + "\" is not known; use float, fp16 or bf16");
        };
    }

    /**
     * Saves the network. {@code metadata} keys are written in order; {@code sshs_model_hash} is added (and
     * returned) from the bytes actually written.
     */
    public static String save(LoraNetwork network, Path target, DType precision, Map<String, String> metadata)
            throws IOException {
        Map<String, byte[]> data = new TreeMap<>(LoraFile::byCodePoint); // the writer's data order
        Map<String, long[]> shapes = new LinkedHashMap<>();
        try (NDManager scratch = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            for (Map.Entry<String, NDArray> e : network.kohyaTensors(scratch, DataType.FLOAT32).entrySet()) {
                NDArray a = e.getValue().toDevice(ai.djl.Device.cpu(), false);
                data.put(e.getKey(), bytes(a, precision));
                shapes.put(e.getKey(), a.getShape().getShape());
            }
        }
        String hash = sha256(new ArrayList<>(data.values()));
        SafetensorsWriter w = new SafetensorsWriter();
        w.metadata(metadata);
        w.metadata("sshs_model_hash", hash);
        for (Map.Entry<String, byte[]> e : data.entrySet()) {
            w.add(e.getKey(), precision, shapes.get(e.getKey()), e.getValue());
        }
        w.write(target);
        return hash;
    }

    /** Little-endian bytes of an fp32 CPU array as F32, F16 (torch's cast) or BF16 (round to nearest even). */
    static byte[] bytes(NDArray fp32, DType as) {
        switch (as) {
            case F32:
                return fp32.toByteArray();
            case F16:
                try (NDArray h = fp32.toType(DataType.FLOAT16, true)) {
                    return h.toByteArray();
                }
            case BF16:
                float[] v = fp32.toFloatArray();
                ByteBuffer b = ByteBuffer.allocate(v.length * 2).order(ByteOrder.LITTLE_ENDIAN);
                for (float f : v) {
                    b.putShort(bf16(f));
                }
                return b.array();
            default:
                throw new IllegalArgumentException("LoRA files are saved as F32, F16 or BF16, not " + as);
        }
    }

    /** torch's float→bfloat16 rounding (nearest even, NaN stays NaN); tensor.Bf16 has the same but is package-private. */
    static short bf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) {
            return (short) ((bits >>> 16) | 0x40);
        }
        return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
    }

    private static String sha256(List<byte[]> parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            parts.forEach(md::update);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int byCodePoint(String a, String b) {
        return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }
}
