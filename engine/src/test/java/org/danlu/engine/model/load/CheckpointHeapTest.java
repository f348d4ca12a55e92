package org.danlu.engine.model.load;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading never needs the checkpoint in the Java heap: a child JVM with a 48 MiB heap loads 240 MiB of BF16, F16
 * and F32 tensors (each bigger than the heap once widened to F32), while copying the same tensors into Java arrays
 * under the same limit fails.
 */
class CheckpointHeapTest {
    private static final long ELEMENTS = 40L << 20; // per 2-byte tensor: 80 MiB stored, 160 MiB as F32

    private static Path sparseCheckpoint(Path dir) throws IOException {
        Path model = Files.createDirectories(dir.resolve("model"));
        Files.copy(TinySd.path("model_index.json"), model.resolve("model_index.json"));
        Path unet = Files.createDirectories(model.resolve("unet"));
        Files.copy(TinySd.path("unet/config.json"), unet.resolve("config.json"));
        long b = ELEMENTS * 2;
        String header = "{\"big_bf16\":{\"dtype\":\"BF16\",\"shape\":[" + ELEMENTS + "],\"data_offsets\":[0," + b + "]},"
                + "\"big_f16\":{\"dtype\":\"F16\",\"shape\":[" + ELEMENTS / 1024 + ",1024],\"data_offsets\":[" + b + "," + 2 * b + "]},"
                + "\"big_f32\":{\"dtype\":\"F32\",\"shape\":[" + ELEMENTS / 2 + "],\"data_offsets\":[" + 2 * b + "," + 3 * b + "]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        Path file = unet.resolve("diffusion_pytorch_model.safetensors");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
            raf.write(h);
            raf.setLength(8 + h.length + 3 * b); // sparse: zeros, no disk blocks
        }
        return model;
    }

    private static ProcessResult child(String mode, Path model) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx48m", "-XX:MaxDirectMemorySize=48m", "-cp",
                System.getProperty("java.class.path"), HeapProbe.class.getName(), mode, model.toString()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM did not finish");
        return new ProcessResult(p.exitValue(), out);
    }

    record ProcessResult(int code, String out) {}

    @Test
    void aCheckpointLargerThanTheHeapLoads(@TempDir Path dir) throws Exception {
        Path model = sparseCheckpoint(dir);
        ProcessResult ok = child("load", model);
        assertEquals(0, ok.code(), ok.out());
        // 40 Mi + 40 Mi + 20 Mi values, 4 bytes each as F32
        assertTrue(ok.out().contains("loaded " + (ELEMENTS + ELEMENTS + ELEMENTS / 2) * 4), ok.out());
        ProcessResult heap = child("heapcopy", model);
        assertNotEquals(0, heap.code(), "copying into the heap should not fit in 48 MiB: " + heap.out());
        assertTrue(heap.out().contains("OutOfMemoryError"), heap.out());
    }
}
