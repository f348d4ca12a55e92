package org.danlu.engine.model.nn;

import ai.djl.ndarray.NDArray;

/** {@code torch.nn.Linear}: weight [out, in], optional bias [out]; y = x·Wᵀ + b (+ an attached delta). */
public final class Linear extends Module {
    public final int inFeatures;
    public final int outFeatures;
    private final Parameter weight;
    private final Parameter bias;
    private ForwardDelta delta;

    public Linear(int inFeatures, int outFeatures, boolean bias) {
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.weight = parameter("weight", outFeatures, inFeatures);
        this.bias = bias ? parameter("bias", outFeatures) : null;
    }

    public NDArray forward(NDArray x) {
        // x: [..., in] -> [..., out], one torch::linear call
        NDArray y = ai.djl.nn.core.Linear.linear(x, weight.get(), bias == null ? null : bias.get()).singletonOrThrow();
        return delta == null ? y : y.add(delta.apply(x));
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    /** Attaches (or with null, removes) a term added to the output. */
    public void setDelta(ForwardDelta delta) {
        this.delta = delta;
    }

    public ForwardDelta delta() {
        return delta;
    }
}
