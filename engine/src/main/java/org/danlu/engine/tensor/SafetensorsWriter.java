package org.danlu.engine.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.TreeMap;

/**
 * Collects tensors and metadata, then writes one safetensors file atomically (a temp file in the target's
 * folder, fsync, rename), so a crash leaves either the old file or the new one, never half of one.
 *
 * <p>The layout is byte for byte the one the reference writer produced for every file in
 * {@code fixtures/tiny-sd}: tensors sorted by name (code point order), data packed without gaps in that
 * order, {@code __metadata__} first with its keys in insertion order, compact JSON padded with spaces so the
 * data section starts at a multiple of 8 bytes. (Newer safetensors releases group tensors by dtype first;
 * readers accept both, since offsets are explicit.)
 *
 * <p>Each {@code add} copies the tensor's bytes at once, so the caller may close the array afterwards; the
 * heap holds the output until {@link #write} (meant for LoRA files and golden-sized outputs, not checkpoints).
 */
public final class SafetensorsWriter {
    private static final Gson JSON = new GsonBuilder().disableHtmlEscaping().create();

    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final Map<String, Entry> entries = new TreeMap<>(SafetensorsWriter::byCodePoint);

    private record Entry(String name, DType dtype, long[] shape, byte[] data) {}

    public SafetensorsWriter metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    public SafetensorsWriter metadata(Map<String, String> all) {
        metadata.putAll(all);
        return this;
    }

    /** Adds an array in its own dtype (F32, F16, F64, integer types). */
    public SafetensorsWriter add(String name, NDArray array) {
        return add(name, array, DType.of(array.getDataType()));
    }

    /**
     * Adds an array stored as {@code as}. F16 narrowing is torch's cast; BF16 is narrowed in Java
     * (round to nearest even, like torch) because DJL cannot hold a BF16 array.
     */
    public SafetensorsWriter add(String name, NDArray array, DType as) {
        long[] shape = array.getShape().getShape();
        byte[] data;
        if (as == DType.BF16) {
            float[] f = array.getDataType() == DataType.FLOAT32 ? array.toFloatArray()
                    : array.toType(DataType.FLOAT32, false).toFloatArray();
            ByteBuffer b = ByteBuffer.allocate(f.length * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : f) {
                b.putShort(Bf16.narrow(v));
            }
            data = b.array();
        } else if (as.djl() == array.getDataType()) {
            data = bytesOf(array);
        } else {
            try (NDArray cast = array.toType(as.djl(), true)) {
                data = bytesOf(cast);
            }
        }
        return add(name, as, shape, data);
    }

    /** Adds raw little-endian bytes already in {@code dtype}; their length must match the shape. */
    public SafetensorsWriter add(String name, DType dtype, long[] shape, byte[] data) {
        if (name.equals("__metadata__")) {
            throw new IllegalArgumentException("'__metadata__' is reserved and cannot name a tensor");
        }
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor '" + name + "': negative dimension in " + java.util.Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        if (n * dtype.size() != data.length) {
            throw new IllegalArgumentException("tensor '" + name + "': shape " + java.util.Arrays.toString(shape) + " of "
                    + dtype + " needs " + n * dtype.size() + " bytes, got " + data.length);
        }
        if (entries.putIfAbsent(name, new Entry(name, dtype, shape.clone(), data)) != null) {
            throw new IllegalArgumentException("tensor '" + name + "' added twice");
        }
        return this;
    }

    private static byte[] bytesOf(NDArray array) {
        ByteBuffer b = array.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** The header bytes (length prefix excluded) and the tensors in data order. */
    byte[] header(List<Entry> ordered) {
        StringBuilder sb = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            sb.append("\"__metadata__\":").append(JSON.toJson(metadata));
        }
        long offset = 0;
        for (Entry e : ordered) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            long end = offset + e.data.length;
            sb.append(JSON.toJson(e.name)).append(":{\"dtype\":\"").append(e.dtype.name()).append("\",\"shape\":[");
            for (int i = 0; i < e.shape.length; i++) {
                sb.append(i == 0 ? "" : ",").append(e.shape[i]);
            }
            sb.append("],\"data_offsets\":[").append(offset).append(',').append(end).append("]}");
            offset = end;
        }
        sb.append('}');
        // The reference pads the header with spaces so the data section starts 8-byte aligned.
        int len = sb.toString().getBytes(StandardCharsets.UTF_8).length;
        sb.append(" ".repeat((8 - len % 8) % 8));
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Data order: by name, comparing code points as the reference's UTF-8 byte order does. */
    List<Entry> ordered() {
        return new ArrayList<>(entries.values());
    }

    private static int byCodePoint(String a, String b) {
        return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    /** Writes the file atomically; an existing file at {@code target} is replaced only once the new one is complete. */
    public void write(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        List<Entry> ordered = ordered();
        byte[] header = header(ordered);
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).flip();
                writeFully(ch, len);
                writeFully(ch, ByteBuffer.wrap(header));
                for (Entry e : ordered) {
                    writeFully(ch, ByteBuffer.wrap(e.data));
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw new IOException(abs + ": could not write safetensors file: " + e.getMessage(), e);
        }
        syncDirectory(dir);
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** Makes the rename itself durable; not every platform can open a directory, which is not an error. */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException ignored) {
            // best effort: the data itself was already forced
        }
    }
}
