package org.danlu.engine.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** {@code torch.nn.Conv2d} with square kernel/stride/padding: weight [out, in, k, k], optional bias [out]. */
public final class Conv2d extends Module {
    public final int inChannels;
    public final int outChannels;
    public final int kernel;
    public final int stride;
    public final int padding;
    private final Parameter weight;
    private final Parameter bias;
    private ForwardDelta delta;

    public Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding, boolean bias) {
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.weight = parameter("weight", outChannels, inChannels, kernel, kernel);
        this.bias = bias ? parameter("bias", outChannels) : null;
    }

    public NDArray forward(NDArray x) {
        // x: [N, in, H, W] -> [N, out, H', W']
        NDArray y = ai.djl.nn.convolutional.Conv2d.conv2d(x, weight.get(), bias == null ? null : bias.get(),
                new Shape(stride, stride), new Shape(padding, padding), new Shape(1, 1), 1).singletonOrThrow();
        return delta == null ? y : y.add(delta.apply(x));
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    public void setDelta(ForwardDelta delta) {
        this.delta = delta;
    }

    public ForwardDelta delta() {
        return delta;
    }
}
