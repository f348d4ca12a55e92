package org.danlu.engine.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
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
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
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
        readFully(ch, lenBuf, 0);
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
        readFully(ch, headerBuf, 8);
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(headerBuf.flip()).toString();
        } catch (CharacterCodingException e) {
            throw new SafetensorsFormatException(path, "header is not valid UTF-8");
        }
        JsonObject root;
        try {
            JsonElement el = JsonParser.parseString(json);
            if (!el.isJsonObject()) {
                throw new SafetensorsFormatException(path, "header is JSON but not an object");
            }
            root = el.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new SafetensorsFormatException(path, "header is not valid JSON (" + e.getMessage() + ")");
        }
        long dataSize = size - 8 - headerLen;
        HeaderValidator validator = new HeaderValidator(path, dataSize);
        Map<String, String> metadata = validator.metadata(root.get("__metadata__"));
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : root.entrySet()) {
            if (!e.getKey().equals("__metadata__")) {
                tensors.put(e.getKey(), validator.tensor(e.getKey(), e.getValue()));
            }
        }
        validator.checkNoOverlap(tensors.values());
        return new SafetensorsFile(path, ch, 8 + headerLen,
                Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(metadata));
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + buf.position());
            if (n < 0) {
                throw new IOException("unexpected end of file");
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
            NDArray widened = manager.create(Bf16.widen(buf, (int) t.elements()), shape);
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

    /** Loads every tensor whose name passes {@code filter}, keyed by name, in header order. */
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

        void checkNoOverlap(java.util.Collection<TensorInfo> all) throws SafetensorsFormatException {
            List<TensorInfo> sorted = new ArrayList<>(all);
            sorted.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
            for (int i = 1; i < sorted.size(); i++) {
                TensorInfo a = sorted.get(i - 1);
                TensorInfo b = sorted.get(i);
                if (b.begin() < a.end() && b.byteLength() > 0 && a.byteLength() > 0) {
                    throw new SafetensorsFormatException(path, "tensors '" + a.name() + "' and '" + b.name() + "' overlap");
                }
            }
        }

        private SafetensorsFormatException bad(String name, String problem) {
            return new SafetensorsFormatException(path, "tensor '" + name + "': " + problem);
        }
    }
}
