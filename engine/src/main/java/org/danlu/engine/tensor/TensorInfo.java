package org.danlu.engine.tensor;

import java.util.Arrays;

/**
 * One tensor's header entry, validated: byte offsets are relative to the start of the data section,
 * and {@code end - begin == elements() * dtype.size()}.
 */
public record TensorInfo(String name, DType dtype, long[] shape, long begin, long end) {

    public long elements() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    public long byteLength() {
        return end - begin;
    }

    public String shapeString() {
        return Arrays.toString(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo t && name.equals(t.name) && dtype == t.dtype
                && Arrays.equals(shape, t.shape) && begin == t.begin && end == t.end;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + dtype + " " + shapeString();
    }
}
