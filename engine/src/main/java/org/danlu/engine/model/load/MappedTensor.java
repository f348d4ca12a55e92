package org.danlu.engine.model.load;

import java.nio.file.Path;
import java.util.Arrays;
import org.danlu.engine.tensor.DType;

/**
 * Where one diffusers-named parameter comes from: a stored tensor ({@code file}, {@code key}) and the transform
 * that turns it into the parameter ({@code shape} is the shape after the transform).
 */
public record MappedTensor(String name, Path file, String key, DType dtype, Transform transform, long[] shape) {

    public long elements() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MappedTensor m && name.equals(m.name) && file.equals(m.file) && key.equals(m.key)
                && dtype == m.dtype && transform == m.transform && Arrays.equals(shape, m.shape);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + key.hashCode();
    }

    @Override
    public String toString() {
        return name + " <- " + key + (transform == Transform.IDENTITY ? "" : " (" + transform + ")") + " " + Arrays.toString(shape);
    }
}
