package org.danlu.engine.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A safetensors file opened for lazy reading. The header is validated completely before anything is
 * allocated from it; a tensor's bytes are memory-mapped only when it is asked for, one window per tensor
 * (at most 2 GiB each), so a multi-GB checkpoint never needs its size in Java heap.
 *
 * <p>Layout: 8-byte little-endian header length N, N bytes of UTF-8 JSON, then the data section. Offsets in
 * the header are relative to the data section.
 */
public final class SafetensorsFile implements AutoCloseable {

    /** The format's own limit on the header size (the reference implementation uses 100 MB). */
    static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    private final Path path;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, TensorInfo> tensors;
    private final Map<String, String> metadata;

    private SafetensorsFile(Path path, FileChannel channel, long dataStart,
            Map<String, TensorInfo> tensors, Map<String, String> metadata) {
        this.path = path;
        this.channel = channel;
        this.dataStart = dataStart;
        this.tensors = tensors;
        this.metadata = metadata;
    }

    /** Opens and validates {@code path}; pickle checkpoints are refused with the reason and the fix. */
    public static SafetensorsFile open(Path path) throws IOException {
        PickleRefusal.check(path);
        if (java.nio.file.Files.isDirectory(path)) {
            throw new IOException(path + ": is a folder, not a safetensors file");
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new java.nio.file.NoSuchFileException(path.toString(), null, "no such file");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new java.nio.file.AccessDeniedException(path.toString(), null, "permission denied");
        }
        try {
            return read(path, ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static SafetensorsFile read(Path path, FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < 8) {
            throw new SafetensorsFormatException(path, "file is " + size + " bytes, shorter than the 8-byte header length");
        }
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(path, ch, lenBuf, 0);
        long headerLen = lenBuf.flip().getLong();
        boolean pickleBytes = PickleRefusal.looksLikePickle(lenBuf.get(0), lenBuf.get(1));
        if (pickleBytes && (headerLen < 2 || headerLen > MAX_HEADER_BYTES || headerLen > size - 8)) {
            throw PickleRefusal.refusal(path);
        }
        if (headerLen < 2 || headerLen > MAX_HEADER_BYTES || headerLen > size - 8) {
            throw new SafetensorsFormatException(path, "header length " + Long.toUnsignedString(headerLen)
                    + " is impossible for a file of " + size + " bytes (limit " + MAX_HEADER_BYTES + ")");
        }
        ByteBuffer headerBuf = ByteBuffer.allocate((int) headerLen);
        readFully(path, ch, headerBuf, 8);
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(headerBuf.flip()).toString();
        } catch (CharacterCodingException e) {
            throw new SafetensorsFormatException(path, "header is not valid UTF-8");
        }
        JsonObject root = HeaderJson.parse(path, json);
        long dataSize = size - 8 - headerLen;
        HeaderValidator validator = new HeaderValidator(path, dataSize);
        Map<String, String> metadata;
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        try {
            metadata = validator.metadata(root.get("__metadata__"));
            for (Map.Entry<String, JsonElement> e : root.entrySet()) {
                if (!e.getKey().equals("__metadata__")) {
                    tensors.put(e.getKey(), validator.tensor(e.getKey(), e.getValue()));
                }
            }
        } catch (RuntimeException e) {
            // Gson's accessors throw unchecked exceptions on odd values (huge exponents, wrong kinds);
            // whatever slipped past the explicit checks is still a malformed header, not a crash.
            throw new SafetensorsFormatException(path, "header has an unreadable value (" + e + ")");
        }
        validator.checkTiling(tensors.values());
        return new SafetensorsFile(path, ch, 8 + headerLen,
                Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(metadata));
    }

    private static void readFully(Path path, FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + buf.position());
            if (n < 0) {
                throw new SafetensorsFormatException(path, "file ended while reading its header (was it truncated while open?)");
            }
        }
    }

    public Path path() {
        return path;
    }

    /** Tensor entries in header order. */
    public Map<String, TensorInfo> tensors() {
        return tensors;
    }

    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    public TensorInfo info(String name) {
        TensorInfo t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException(path + ": no tensor named '" + name + "'");
        }
        return t;
    }

    /** The {@code __metadata__} map (empty when absent). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * A read-only little-endian view of one tensor's bytes, mapped on demand. The buffer aliases the file:
     * never hand it to code that writes.
     */
    public ByteBuffer bytes(String name) throws IOException {
        TensorInfo t = info(name);
        if (t.byteLength() > Integer.MAX_VALUE) {
            throw new IOException(path + ": tensor '" + name + "' is " + t.byteLength()
                    + " bytes; tensors over 2 GiB are not supported");
        }
        if (t.byteLength() == 0) {
            return ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
        }
        if (channel.size() < dataStart + t.end()) {
            // Mapping past the end would fault on first access; a file cut short after opening is an error instead.
            throw new SafetensorsFormatException(path, "the file shrank to " + channel.size() + " bytes since it was opened"
                    + " (tensor '" + name + "' ends at byte " + (dataStart + t.end()) + ")");
        }
        return channel.map(FileChannel.MapMode.READ_ONLY, dataStart + t.begin(), t.byteLength())
                .order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Loads a tensor in its stored type (BF16 arrives as F32), on the manager's device. */
    public NDArray load(String name, NDManager manager) throws IOException {
        return load(name, manager, info(name).dtype().djl());
    }

    /**
     * Loads a tensor as {@code type} on the manager's device. The result owns its memory (a copy), so in-place
     * updates never reach the mapped file.
     */
    public NDArray load(String name, NDManager manager, DataType type) throws IOException {
        TensorInfo t = info(name);
        Shape shape = new Shape(t.shape());
        if (t.elements() == 0) {
            return manager.zeros(shape, type);
        }
        ByteBuffer buf = bytes(name);
        if (t.dtype() == DType.BF16) {
            NDArray widened = widenBf16(buf, (int) t.elements(), shape, manager);
            if (type == DataType.FLOAT32) {
                return widened;
            }
            try (widened) {
                return widened.toType(type, true);
            }
        }
        try (NDManager scope = manager.newSubManager()) {
            // The array made from a mapped buffer may alias it; the cast/duplicate below makes the owned copy.
            NDArray alias = scope.create(buf, shape, t.dtype().djl());
            NDArray owned = type == alias.getDataType() ? alias.duplicate() : alias.toType(type, true);
            owned.attach(manager);
            return owned;
        }
    }

    /** Values widened per slice, through one reused 16 MiB staging buffer per call. */
    static final int BF16_SLICE = 4 << 20;

    /**
     * BF16 → F32 without holding the tensor in Java memory: each slice is widened into a direct staging buffer,
     * copied into a libtorch-owned array (an array made from a direct buffer may alias it, and direct memory is
     * capped by -XX:MaxDirectMemorySize, which defaults to the heap size), and the staging buffer is reused.
     */
    private static NDArray widenBf16(ByteBuffer buf, int count, Shape shape, NDManager manager) {
        int slice = Math.min(count, BF16_SLICE);
        ByteBuffer staging = ByteBuffer.allocateDirect(slice * 4).order(ByteOrder.LITTLE_ENDIAN);
        try (NDManager scope = manager.newSubManager()) {
            NDList parts = new NDList();
            for (int at = 0; at < count; at += slice) {
                int n = Math.min(slice, count - at);
                staging.clear();
                Bf16.widenInto(buf, at, n, staging);
                staging.flip();
                NDArray alias = scope.create(staging, new Shape(n), DataType.FLOAT32);
                parts.add(alias.duplicate());
                alias.close();
            }
            NDArray whole = (parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts)).reshape(shape);
            whole.attach(manager);
            return whole;
        }
    }

    /** Loads every tensor as {@code type}, keyed by name, in header order (for small files: LoRAs, goldens). */
    public Map<String, NDArray> loadAll(NDManager manager, DataType type) throws IOException {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (String name : tensors.keySet()) {
            out.put(name, load(name, manager, type));
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Validation of header entries against the data section's size. */
    private static final class HeaderValidator {
        private final Path path;
        private final long dataSize;

        HeaderValidator(Path path, long dataSize) {
            this.path = path;
            this.dataSize = dataSize;
        }

        Map<String, String> metadata(JsonElement el) throws SafetensorsFormatException {
            Map<String, String> out = new LinkedHashMap<>();
            if (el == null || el.isJsonNull()) {
                return out;
            }
            if (!el.isJsonObject()) {
                throw new SafetensorsFormatException(path, "__metadata__ is not an object");
            }
            for (Map.Entry<String, JsonElement> e : el.getAsJsonObject().entrySet()) {
                JsonElement v = e.getValue();
                if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
                    throw new SafetensorsFormatException(path, "__metadata__ value for '" + e.getKey() + "' is not a string");
                }
                out.put(e.getKey(), v.getAsString());
            }
            return out;
        }

        TensorInfo tensor(String name, JsonElement el) throws SafetensorsFormatException {
            if (!el.isJsonObject()) {
                throw bad(name, "entry is not an object");
            }
            JsonObject o = el.getAsJsonObject();
            JsonElement dt = o.get("dtype");
            if (dt == null || !dt.isJsonPrimitive() || !dt.getAsJsonPrimitive().isString()) {
                throw bad(name, "missing dtype");
            }
            DType dtype = DType.parse(dt.getAsString());
            if (dtype == null) {
                throw bad(name, "unknown dtype '" + dt.getAsString() + "'");
            }
            long[] shape = longs(name, o.get("shape"), "shape", -1);
            long[] offsets = longs(name, o.get("data_offsets"), "data_offsets", 2);
            long elements = 1;
            try {
                for (long d : shape) {
                    elements = Math.multiplyExact(elements, d);
                }
                long expected = Math.multiplyExact(elements, (long) dtype.size());
                if (offsets[0] > offsets[1] || offsets[1] > dataSize) {
                    throw bad(name, "data_offsets " + offsets[0] + ".." + offsets[1]
                            + " lie outside the data section of " + dataSize + " bytes");
                }
                if (offsets[1] - offsets[0] != expected) {
                    throw bad(name, "shape " + java.util.Arrays.toString(shape) + " of " + dtype + " needs " + expected
                            + " bytes but data_offsets span " + (offsets[1] - offsets[0]));
                }
            } catch (ArithmeticException e) {
                throw bad(name, "shape " + java.util.Arrays.toString(shape) + " overflows");
            }
            return new TensorInfo(name, dtype, shape, offsets[0], offsets[1]);
        }

        private long[] longs(String name, JsonElement el, String field, int expectedLen) throws SafetensorsFormatException {
            if (el == null || !el.isJsonArray()) {
                throw bad(name, "missing " + field);
            }
            var arr = el.getAsJsonArray();
            if (expectedLen >= 0 && arr.size() != expectedLen) {
                throw bad(name, field + " has " + arr.size() + " entries, expected " + expectedLen);
            }
            if (arr.size() > 16) {
                throw bad(name, field + " has " + arr.size() + " dimensions");
            }
            long[] out = new long[arr.size()];
            for (int i = 0; i < out.length; i++) {
                JsonElement v = arr.get(i);
                if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
                    throw bad(name, field + "[" + i + "] is not a number");
                }
                java.math.BigDecimal d = v.getAsBigDecimal();
                if (d.signum() < 0 || d.scale() > 0 && d.stripTrailingZeros().scale() > 0
                        || d.compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                    throw bad(name, field + "[" + i + "] = " + d + " is not a non-negative integer");
                }
                out[i] = d.longValueExact();
            }
            return out;
        }

        /**
         * The reference reader's rule: sorted by offset, the tensors tile the data section exactly (each starts
         * where the previous ended, the first at 0, the last at the end). This rules out overlaps, gaps that could
         * hide data, and a header length that is off by a few bytes.
         */
        void checkTiling(java.util.Collection<TensorInfo> all) throws SafetensorsFormatException {
            List<TensorInfo> sorted = new ArrayList<>(all);
            sorted.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
            long expected = 0;
            TensorInfo previous = null;
            for (TensorInfo t : sorted) {
                if (t.begin() < expected) {
                    throw new SafetensorsFormatException(path, "tensors '" + previous.name() + "' and '" + t.name() + "' overlap");
                }
                if (t.begin() > expected) {
                    throw new SafetensorsFormatException(path, "bytes " + expected + ".." + t.begin()
                            + " of the data section belong to no tensor (before '" + t.name() + "')");
                }
                expected = t.end();
                previous = t;
            }
            if (expected != dataSize) {
                throw new SafetensorsFormatException(path, "the tensors cover " + expected + " bytes but the data section has "
                        + dataSize + " (truncated file, or wrong header length)");
            }
        }

        private SafetensorsFormatException bad(String name, String problem) {
            return new SafetensorsFormatException(path, "tensor '" + name + "': " + problem);
        }
    }
}
