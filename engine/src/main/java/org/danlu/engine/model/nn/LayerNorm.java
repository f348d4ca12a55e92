package org.danlu.engine.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** {@code torch.nn.LayerNorm} over the last dimension, with affine weight and bias [dim]. */
public final class LayerNorm extends Module {
    private final int dim;
    private final float eps;
    private final Parameter weight;
    private final Parameter bias;

    public LayerNorm(int dim, float eps) {
        this.dim = dim;
        this.eps = eps;
        this.weight = parameter("weight", dim);
        this.bias = parameter("bias", dim);
    }

    public NDArray forward(NDArray x) {
        // x: [..., dim], one torch::layer_norm call
        return ai.djl.nn.norm.LayerNorm.layerNorm(x, new Shape(dim), weight.get(), bias.get(), eps).singletonOrThrow();
    }
}
