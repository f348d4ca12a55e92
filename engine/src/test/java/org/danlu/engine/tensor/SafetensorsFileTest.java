package org.danlu.engine.tensor;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsFileTest {
    static final Path TINY = Path.of("../shared/fixtures/tiny-sd");

    static Path fixture(String rel) {
        Path p = TINY.resolve(rel);
        assertTrue(Files.isRegularFile(p), "missing fixture " + p.toAbsolutePath() + ": ../shared must sit beside the project");
        return p;
    }

    @Test
    void readsFixtureHeaderAndTensors() throws IOException {
        try (SafetensorsFile f = SafetensorsFile.open(fixture("text_encoder/model.safetensors"));
                NDManager m = NDManager.newBaseManager()) {
            assertEquals(84, f.tensors().size()); // per fixtures/tiny-sd/README.md
            TensorInfo emb = f.info("text_model.embeddings.token_embedding.weight");
            assertEquals(DType.F32, emb.dtype());
            assertArrayEquals(new long[] {1000, 32}, emb.shape());
            NDArray a = f.load(emb.name(), m);
            assertEquals(DataType.FLOAT32, a.getDataType());
            assertEquals(1000 * 32, a.size());
        }
    }

    @Test
    void f16SingleFileHoldsTheSameNumbersAsF32Folder() throws IOException {
        // The fixture's F16 LDM file and the F32 diffusers folder hold identical values (README: F16-representable).
        try (SafetensorsFile ldm = SafetensorsFile.open(fixture("tiny-sd-ldm.safetensors"));
                SafetensorsFile te = SafetensorsFile.open(fixture("text_encoder/model.safetensors"));
                NDManager m = NDManager.newBaseManager()) {
            String key = "text_model.encoder.layers.0.self_attn.q_proj.weight";
            NDArray a = ldm.load("cond_stage_model.transformer." + key, m, DataType.FLOAT32);
            NDArray b = te.load(key, m);
            assertEquals(DType.F16, ldm.info("cond_stage_model.transformer." + key).dtype());
            assertEquals(0f, a.sub(b).abs().max().getFloat());
        }
    }

    @Test
    void bf16IsWidenedExactly(@TempDir Path dir) throws IOException {
        // bf16 0x3FC0 = 1.5, 0xC000 = -2.0 (sign 1, exponent 128, mantissa 0)
        Path p = write(dir.resolve("b.safetensors"),
                "{\"x\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]}}", new byte[] {(byte) 0xC0, 0x3F, 0x00, (byte) 0xC0});
        try (SafetensorsFile f = SafetensorsFile.open(p); NDManager m = NDManager.newBaseManager()) {
            assertArrayEquals(new float[] {1.5f, -2f}, f.load("x", m).toFloatArray());
        }
    }

    @Test
    void bf16LargerThanOneWideningSliceIsWidenedExactly(@TempDir Path dir) throws IOException {
        int n = SafetensorsFile.BF16_SLICE + 1000; // two slices
        ByteBuffer data = ByteBuffer.allocate(n * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            data.putShort((short) (0x3F80 + i % 128)); // bf16 0x3F80 + m = 1 + m/128 (exponent 127, mantissa m)
        }
        Path p = dir.resolve("big.safetensors");
        new SafetensorsWriter().add("x", DType.BF16, new long[] {2, n / 2}, data.array()).write(p);
        try (SafetensorsFile f = SafetensorsFile.open(p); NDManager m = NDManager.newBaseManager()) {
            NDArray a = f.load("x", m);
            assertEquals(new ai.djl.ndarray.types.Shape(2, n / 2), a.getShape());
            float[] v = a.toFloatArray();
            for (int i : new int[] {0, 127, SafetensorsFile.BF16_SLICE - 1, SafetensorsFile.BF16_SLICE, n - 1}) {
                assertEquals(1 + (i % 128) / 128f, v[i], "value " + i);
            }
        }
    }

    @Test
    void malformedHeadersAreRejectedWithTheReason(@TempDir Path dir) throws IOException {
        assertRejected(dir, "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 4, "outside the data section");
        assertRejected(dir, "{\"x\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8, "needs 12 bytes");
        assertRejected(dir, "{\"x\":{\"dtype\":\"Q4\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8, "unknown dtype");
        assertRejected(dir, "{\"x\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", 8, "non-negative");
        assertRejected(dir, "{\"x\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,8]}}", 8, "overflows");
        assertRejected(dir, "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12, "overlap");
        assertRejected(dir, "{\"x\":", 0, "not valid JSON");
        assertRejected(dir, "[1,2]", 0, "does not start with '{'");
        assertRejected(dir, "{\"__metadata__\":{\"a\":1}}", 0, "not a string");
    }

    @Test
    void truncatedAndOversizedHeaderLengthsAreRejected(@TempDir Path dir) throws IOException {
        Path tiny = Files.write(dir.resolve("t.safetensors"), new byte[] {1, 2, 3});
        assertTrue(assertThrows(SafetensorsFormatException.class, () -> SafetensorsFile.open(tiny)).getMessage().contains("shorter"));
        ByteBuffer huge = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(Long.MAX_VALUE);
        Path big = Files.write(dir.resolve("h.safetensors"), huge.array());
        assertTrue(assertThrows(SafetensorsFormatException.class, () -> SafetensorsFile.open(big)).getMessage().contains("impossible"));
    }

    @Test
    void missingFilesAndFoldersAreNamed(@TempDir Path dir) {
        Path none = dir.resolve("none.safetensors");
        IOException e = assertThrows(IOException.class, () -> SafetensorsFile.open(none));
        assertEquals(none + ": no such file", e.getMessage());
        IOException f = assertThrows(IOException.class, () -> SafetensorsFile.open(dir));
        assertEquals(dir + ": is a folder, not a safetensors file", f.getMessage());
    }

    @Test
    void pickleCheckpointsAreRefused(@TempDir Path dir) throws IOException {
        Path ckpt = Files.write(dir.resolve("model.ckpt"), new byte[] {'P', 'K', 3, 4});
        assertTrue(assertThrows(IOException.class, () -> SafetensorsFile.open(ckpt)).getMessage().contains("pickle"));
        Path disguised = Files.write(dir.resolve("model.safetensors"), new byte[] {(byte) 0x80, 2, 'c', 'o', 's', 0, 0, 0, 0});
        assertTrue(assertThrows(IOException.class, () -> SafetensorsFile.open(disguised)).getMessage().contains("pickle"));
    }

    private static void assertRejected(Path dir, String header, int dataBytes, String expected) throws IOException {
        Path p = write(dir.resolve("bad.safetensors"), header, new byte[dataBytes]);
        SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> SafetensorsFile.open(p));
        assertTrue(e.getMessage().contains(expected), () -> "expected '" + expected + "' in: " + e.getMessage());
        assertTrue(e.getMessage().contains(p.toString()), "message names the file");
    }

    static Path write(Path p, String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        return Files.write(p, b.array());
    }
}
