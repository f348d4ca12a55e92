package org.danlu.engine.tensor;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed files never crash: every failure is an IOException (usually SafetensorsFormatException) naming the
 * file, and whatever opens can have every tensor loaded.
 */
class SafetensorsFuzzTest {

    private static byte[] validFile(Path dir) throws IOException {
        Path p = dir.resolve("valid.safetensors");
        ByteBuffer f = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 6; i++) {
            f.putFloat(i * 0.5f);
        }
        new SafetensorsWriter().metadata("format", "pt")
                .add("a.weight", DType.F32, new long[] {2, 3}, f.array())
                .add("b", DType.F16, new long[] {2}, new byte[] {0, 0x3C, 0, (byte) 0xC0})
                .add("c", DType.BF16, new long[] {1}, new byte[] {(byte) 0x80, 0x3F})
                .add("ids", DType.I64, new long[] {1}, new byte[] {5, 0, 0, 0, 0, 0, 0, 0})
                .write(p);
        return Files.readAllBytes(p);
    }

    /** Opens {@code bytes} as a file; returns true when it opened (and then loaded every tensor). */
    private static boolean openOrRejectCleanly(Path p, byte[] bytes, NDManager m) throws IOException {
        Files.write(p, bytes);
        try (SafetensorsFile f = SafetensorsFile.open(p)) {
            for (TensorInfo t : f.tensors().values()) {
                try (NDManager scope = m.newSubManager()) {
                    f.load(t.name(), scope, t.dtype().isFloat() ? DataType.FLOAT32 : t.dtype().djl()).toByteBuffer();
                }
            }
            return true;
        } catch (IOException e) {
            assertTrue(e.getMessage().contains(p.toString()), () -> "message does not name the file: " + e.getMessage());
            return false;
        } catch (RuntimeException | Error e) {
            fail("input " + Arrays.toString(Arrays.copyOf(bytes, Math.min(bytes.length, 96))) + " crashed the reader", e);
            return false;
        }
    }

    @Test
    void everyTruncationIsRejected(@TempDir Path dir) throws IOException {
        byte[] valid = validFile(dir);
        Path p = dir.resolve("cut.safetensors");
        try (NDManager m = NDManager.newBaseManager()) {
            assertTrue(openOrRejectCleanly(p, valid, m), "the untruncated file must open");
            for (int len = 0; len < valid.length; len++) {
                // The writer packs the last tensor up to the end of the file, so any cut breaks an offset.
                assertFalse(openOrRejectCleanly(p, Arrays.copyOf(valid, len), m), "truncated to " + len + " bytes but opened");
            }
        }
    }

    @Test
    void randomByteMutationsNeverCrash(@TempDir Path dir) throws IOException {
        byte[] valid = validFile(dir);
        int headerEnd = 8 + (int) ByteBuffer.wrap(valid).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Random rnd = new Random(20261122);
        Path p = dir.resolve("mut.safetensors");
        byte[] interesting = {0, '"', '{', '}', '[', ']', ',', ':', '-', '9', '.', 'e', '\\', (byte) 0xFF, (byte) 0xC3, ' '};
        int opened = 0;
        try (NDManager m = NDManager.newBaseManager()) {
            for (int iter = 0; iter < 1500; iter++) {
                byte[] b = valid.clone();
                int edits = 1 + rnd.nextInt(4);
                for (int e = 0; e < edits; e++) {
                    int at = rnd.nextInt(headerEnd);
                    b[at] = rnd.nextBoolean() ? interesting[rnd.nextInt(interesting.length)] : (byte) rnd.nextInt(256);
                }
                if (openOrRejectCleanly(p, b, m)) {
                    opened++;
                }
            }
        }
        // Mutations inside a name or the metadata can leave a valid file; most must not open.
        assertTrue(opened < 1500, "every mutation opened: the mutations did not reach the header");
    }

    @Test
    void headerLengthFieldOutOfLineIsRejected(@TempDir Path dir) throws IOException {
        byte[] valid = validFile(dir);
        long real = ByteBuffer.wrap(valid).order(ByteOrder.LITTLE_ENDIAN).getLong();
        long[] lengths = {0, 1, 2, real - 1, real + 1, real + 8, valid.length - 8, valid.length, Integer.MAX_VALUE,
            1L << 31, 1L << 32, SafetensorsFile.MAX_HEADER_BYTES + 1, Long.MAX_VALUE, -1, Long.MIN_VALUE};
        Path p = dir.resolve("len.safetensors");
        try (NDManager m = NDManager.newBaseManager()) {
            for (long len : lengths) {
                byte[] b = valid.clone();
                ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(len);
                assertFalse(openOrRejectCleanly(p, b, m), "header length " + len + " opened");
            }
        }
    }

    @Test
    void inconsistentHeadersAreRejected(@TempDir Path dir) throws IOException {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        String[] headers = {
            "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", // reversed
            "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}",
            "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8.5]}}",
            "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,1e400]}}",
            "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,1e-400]}}",
            "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,\"8\"]}}",
            "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8,16]}}",
            "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,NaN]}}",
            "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,18446744073709551616]}}",
            "{\"x\":{\"dtype\":\"F32\",\"shape\":[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,2],\"data_offsets\":[0,8]}}",
            "{\"x\":{\"dtype\":\"F32\",\"shape\":" + deep + ",\"data_offsets\":[0,8]}}",
            "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}} trailing",
            "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}{}",
            "{/*c*/\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}",
            "{x:{dtype:F32,shape:[2],data_offsets:[0,8]}}", // lenient JSON
            "{\"x\":{\"dtype\":null,\"shape\":[2],\"data_offsets\":[0,8]}}",
            "{\"x\":{\"dtype\":\"F32\",\"shape\":{},\"data_offsets\":[0,8]}}",
            "{\"x\":[]}",
            "{\"__metadata__\":[1]}",
            "{\"__metadata__\":{\"a\":{\"b\":\"c\"}}}",
            "\uFEFF{}",
            "",
            "  ",
        };
        Path p = dir.resolve("bad.safetensors");
        try (NDManager m = NDManager.newBaseManager()) {
            for (String h : headers) {
                byte[] hb = h.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                ByteBuffer b = ByteBuffer.allocate(8 + hb.length + 16).order(ByteOrder.LITTLE_ENDIAN);
                b.putLong(hb.length).put(hb);
                assertFalse(openOrRejectCleanly(p, b.array(), m), () -> "opened: " + h.substring(0, Math.min(120, h.length())));
            }
        }
    }

    @Test
    void aFileCutShortAfterOpeningIsAnErrorNotAFault(@TempDir Path dir) throws IOException {
        byte[] valid = validFile(dir);
        Path p = dir.resolve("shrinks.safetensors");
        Files.write(p, valid);
        try (SafetensorsFile f = SafetensorsFile.open(p); NDManager m = NDManager.newBaseManager()) {
            try (var ch = java.nio.channels.FileChannel.open(p, java.nio.file.StandardOpenOption.WRITE)) {
                ch.truncate(valid.length - 8); // the last tensor (ids, one I64) loses its bytes
            }
            SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> f.load("ids", m));
            assertTrue(e.getMessage().contains(p.toString()) && e.getMessage().contains("shrank"), e.getMessage());
            assertEquals(1.5f, f.load("a.weight", m).toFloatArray()[3], "tensors still inside the file load");
        }
    }
}
