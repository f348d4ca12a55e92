package org.danlu.engine.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** A named tensor slot with a fixed expected shape; filled by a loader or an initialiser. */
public final class Parameter {
    private final String name;
    private final Shape shape;
    private NDArray value;

    Parameter(String name, Shape shape) {
        this.name = name;
        this.shape = shape;
    }

    /** The leaf name inside its module (e.g. {@code weight}). */
    public String name() {
        return name;
    }

    public Shape shape() {
        return shape;
    }

    public boolean isSet() {
        return value != null;
    }

    public NDArray get() {
        if (value == null) {
            throw new IllegalStateException("parameter '" + name + "' " + shape + " was never loaded");
        }
        return value;
    }

    /** Sets the value; its shape must be the declared one. The previous value, if any, is closed. */
    public void set(NDArray v) {
        if (!v.getShape().equals(shape)) {
            throw new IllegalArgumentException("parameter '" + name + "' expects shape " + shape + ", got " + v.getShape());
        }
        if (value != null && value != v) {
            value.close();
        }
        value = v;
    }
}
