package org.danlu.engine.model.load;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/** What happens to a stored tensor on its way to a diffusers-named parameter. */
public enum Transform {
    IDENTITY,
    /** LDM VAE attention q/k/v/proj_out are 1×1 convs [C, C, 1, 1]; diffusers uses Linear [C, C]. */
    CONV1X1_TO_LINEAR,
    /** OpenCLIP's fused attention in_proj [3D, ...]: rows 0..D are q, D..2D k, 2D..3D v (torch MHA order). */
    QKV_Q,
    QKV_K,
    QKV_V;

    /** The parameter's shape given the stored one. */
    public long[] shape(long[] stored) {
        switch (this) {
            case CONV1X1_TO_LINEAR:
                return stored.length == 4 ? new long[] {stored[0], stored[1]} : stored.clone();
            case QKV_Q:
            case QKV_K:
            case QKV_V: {
                long[] s = stored.clone();
                s[0] = stored[0] / 3;
                return s;
            }
            default:
                return stored.clone();
        }
    }

    /** Whether the stored shape admits this transform (checked when the key tables are applied). */
    public boolean accepts(long[] stored) {
        switch (this) {
            case CONV1X1_TO_LINEAR:
                return stored.length == 2 || stored.length == 4 && stored[2] == 1 && stored[3] == 1;
            case QKV_Q:
            case QKV_K:
            case QKV_V:
                return stored.length >= 1 && stored[0] % 3 == 0;
            default:
                return true;
        }
    }

    /** Applies the transform; the result is a new array, the input is left for its owner to close. */
    public NDArray apply(NDArray stored) {
        switch (this) {
            case CONV1X1_TO_LINEAR:
                return stored.reshape(new Shape(shape(stored.getShape().getShape())));
            case QKV_Q:
            case QKV_K:
            case QKV_V: {
                long d = stored.getShape().get(0) / 3;
                long from = d * (ordinal() - QKV_Q.ordinal());
                return stored.get(new NDIndex("{}:{}", from, from + d));
            }
            default:
                return stored;
        }
    }
}
