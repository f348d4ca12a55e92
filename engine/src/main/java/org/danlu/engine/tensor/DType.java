package org.danlu.engine.tensor;

import ai.djl.ndarray.types.DataType;

/** The safetensors dtype names we read and write, with their byte sizes and DJL counterparts. */
public enum DType {
    F64(8, DataType.FLOAT64),
    F32(4, DataType.FLOAT32),
    F16(2, DataType.FLOAT16),
    // DJL 0.35.1 aborts the JVM on any BFLOAT16 NDArray (create or cast, measured on CPU), so BF16 is
    // widened to F32 in Java before DJL sees it; the mapping below is what it becomes, not its storage.
    BF16(2, DataType.FLOAT32),
    I64(8, DataType.INT64),
    I32(4, DataType.INT32),
    I16(2, DataType.INT16),
    I8(1, DataType.INT8),
    U8(1, DataType.UINT8),
    BOOL(1, DataType.BOOLEAN);

    private final int size;
    private final DataType djl;

    DType(int size, DataType djl) {
        this.size = size;
        this.djl = djl;
    }

    /** Bytes per element. */
    public int size() {
        return size;
    }

    /** The DJL type an NDArray read from this dtype has before any requested cast. */
    public DataType djl() {
        return djl;
    }

    public boolean isFloat() {
        return this == F64 || this == F32 || this == F16 || this == BF16;
    }

    /** Parses a header dtype name; null when unknown (the caller reports it with the tensor's name). */
    public static DType parse(String name) {
        for (DType t : values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** The safetensors dtype for a DJL type, for writing. */
    public static DType of(DataType type) {
        switch (type) {
            case FLOAT64: return F64;
            case FLOAT32: return F32;
            case FLOAT16: return F16;
            case INT64: return I64;
            case INT32: return I32;
            case INT8: return I8;
            case UINT8: return U8;
            case BOOLEAN: return BOOL;
            default: throw new IllegalArgumentException("no safetensors dtype for DJL type " + type);
        }
    }
}
