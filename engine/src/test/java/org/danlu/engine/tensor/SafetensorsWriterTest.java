package org.danlu.engine.tensor;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsWriterTest {

    /**
     * The fixture files were written by the reference safetensors writer; re-writing their tensors and metadata
     * must give the same bytes (name order, metadata order, space padding to 8, packed data).
     */
    @Test
    void rewritesReferenceFilesByteForByte(@TempDir Path dir) throws IOException {
        List<String> files = List.of("golden/unet.safetensors", "golden/text_encoder.safetensors",
                "golden/lora_case2_kohya.safetensors", "golden/ddpm_scheduler.safetensors", "text_encoder/model.safetensors");
        for (String rel : files) {
            Path src = SafetensorsFileTest.fixture(rel);
            Path out = dir.resolve(src.getFileName());
            try (SafetensorsFile f = SafetensorsFile.open(src)) {
                SafetensorsWriter w = new SafetensorsWriter().metadata(f.metadata());
                for (TensorInfo t : f.tensors().values()) {
                    ByteBuffer b = f.bytes(t.name());
                    byte[] data = new byte[b.remaining()];
                    b.get(data);
                    w.add(t.name(), t.dtype(), t.shape(), data);
                }
                w.write(out);
            }
            assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(out), rel + " rewritten differs");
        }
    }

    @Test
    void ndArraysRoundTripInEveryWrittenDtype(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("rt.safetensors");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray f32 = m.create(new float[] {1.5f, -2.25f, 3e-3f, 65504f, 0f, -0f}, new Shape(2, 3));
            NDArray i64 = m.create(new long[] {999, 17});
            NDArray scalar = m.create(0.5f).reshape(new Shape());
            new SafetensorsWriter().metadata("format", "pt").metadata("ss_v2", "False")
                    .add("f32", f32).add("f16", f32, DType.F16).add("bf16", f32, DType.BF16).add("ids", i64)
                    .add("scalar", scalar).write(p);
            try (SafetensorsFile f = SafetensorsFile.open(p)) {
                assertEquals(List.of("bf16", "f16", "f32", "ids", "scalar"), List.copyOf(f.tensors().keySet()));
                assertEquals("pt", f.metadata().get("format"));
                assertEquals(DType.F16, f.info("f16").dtype());
                assertEquals(DType.BF16, f.info("bf16").dtype());
                assertArrayEquals(new long[] {2, 3}, f.info("f16").shape());
                assertArrayEquals(new long[0], f.info("scalar").shape());
                assertArrayEquals(f32.toFloatArray(), f.load("f32", m).toFloatArray());
                // f16 keeps 10 mantissa bits: 3e-3 = 1.536·2^-9, 0.536·1024 = 548.9 -> 549; the rest are exact
                // (65504 is f16's largest finite value)
                float[] expected16 = {1.5f, -2.25f, (1 + 549f / 1024) / 512, 65504f, 0f, -0f};
                assertArrayEquals(expected16, f.load("f16", m, DataType.FLOAT32).toFloatArray());
                // bf16 keeps the upper 16 bits: 3e-3 = 0x3B449BA6, lower half 0x9BA6 > 0x8000 rounds up to 0x3B45;
                // 65504 = 0x477FE000 -> lower half 0xE000 > 0x8000 rounds up to 0x4780 = 65536
                float[] bf = f.load("bf16", m).toFloatArray();
                assertEquals(Float.intBitsToFloat(0x3B450000), bf[2]);
                assertEquals(65536f, bf[3]);
                assertEquals(1.5f, bf[0]);
                assertArrayEquals(new long[] {999, 17}, f.load("ids", m).toLongArray());
                assertEquals(0.5f, f.load("scalar", m).getFloat());
            }
        }
    }

    @Test
    void bf16NarrowingRoundsToNearestEven() {
        // 1 + 2^-8 lies exactly between bf16 0x3F80 (1.0) and 0x3F81: ties go to the even mantissa, 0x3F80.
        assertEquals((short) 0x3F80, Bf16.narrow(Float.intBitsToFloat(0x3F808000)));
        // 0x3F818000 is between 0x3F81 and 0x3F82: the even one is 0x3F82.
        assertEquals((short) 0x3F82, Bf16.narrow(Float.intBitsToFloat(0x3F818000)));
        // just above the tie rounds up
        assertEquals((short) 0x3F81, Bf16.narrow(Float.intBitsToFloat(0x3F808001)));
        assertTrue(Float.isNaN(Float.intBitsToFloat(Bf16.narrow(Float.NaN) << 16)));
    }

    @Test
    void headerIsPaddedToEightBytes(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("pad.safetensors");
        new SafetensorsWriter().add("x", DType.F32, new long[] {1}, new byte[4]).write(p);
        byte[] all = Files.readAllBytes(p);
        long n = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(all, 8, (int) n, java.nio.charset.StandardCharsets.UTF_8);
        // {"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}} is 54 bytes -> 2 spaces make 56
        assertEquals("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}  ", header);
        assertEquals(8 + 56 + 4, all.length);
    }

    @Test
    void failedWriteLeavesTheTargetAndNoTempFile(@TempDir Path dir) throws IOException {
        // The target is a non-empty directory: the final rename must fail, and nothing else may change.
        Path target = Files.createDirectory(dir.resolve("out.safetensors"));
        Files.writeString(target.resolve("keep.txt"), "user data");
        SafetensorsWriter w = new SafetensorsWriter().add("x", DType.F32, new long[] {1}, new byte[4]);
        IOException e = assertThrows(IOException.class, () -> w.write(target));
        assertTrue(e.getMessage().contains(target.toString()), e.getMessage());
        assertEquals("user data", Files.readString(target.resolve("keep.txt")));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(target), s.toList(), "temp file left behind");
        }
    }

    @Test
    void replacesAnExistingFileWhole(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("a.safetensors");
        new SafetensorsWriter().add("old", DType.F32, new long[] {2}, new byte[8]).write(p);
        new SafetensorsWriter().add("new", DType.I32, new long[] {1}, new byte[] {7, 0, 0, 0}).write(p);
        try (SafetensorsFile f = SafetensorsFile.open(p); NDManager m = NDManager.newBaseManager()) {
            assertEquals(List.of("new"), List.copyOf(f.tensors().keySet()));
            assertArrayEquals(new int[] {7}, f.load("new", m).toIntArray());
        }
    }

    @Test
    void inconsistentTensorsAreRefusedWhenAdded() {
        SafetensorsWriter w = new SafetensorsWriter();
        assertThrows(IllegalArgumentException.class, () -> w.add("x", DType.F32, new long[] {3}, new byte[8]));
        assertThrows(IllegalArgumentException.class, () -> w.add("__metadata__", DType.F32, new long[] {1}, new byte[4]));
        w.add("y", DType.F32, new long[] {1}, new byte[4]);
        assertThrows(IllegalArgumentException.class, () -> w.add("y", DType.F32, new long[] {1}, new byte[4]));
    }
}
