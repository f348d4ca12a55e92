package org.danlu.engine.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.Device;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code torch.nn.GroupNorm}. DJL has no group_norm, so: reshape [N, C, H, W] to [N, G, C/G·H·W], one
 * {@code layer_norm} over the last axis with unit scale and zero shift, reshape back, then the per-channel
 * affine. Exact, since layer_norm over a group's elements is the group's normalisation.
 */
public final class GroupNorm extends Module {
    private final int groups;
    private final int channels;
    private final float eps;
    private final Parameter weight;
    private final Parameter bias;
    /** Unit/zero affine for the inner layer_norm, per (length, dtype, device); DJL rejects null gamma/beta. */
    private final Map<String, NDArray[]> identityAffine = new HashMap<>();

    public GroupNorm(int groups, int channels, float eps) {
        if (channels % groups != 0) {
            throw new IllegalArgumentException("GroupNorm: " + channels + " channels do not split into " + groups + " groups");
        }
        this.groups = groups;
        this.channels = channels;
        this.eps = eps;
        this.weight = parameter("weight", channels);
        this.bias = parameter("bias", channels);
    }

    public NDArray forward(NDArray x) {
        Shape s = x.getShape(); // [N, C, H, W] (or [N, C, L])
        long n = s.get(0);
        long groupLen = s.size() / n / groups;
        NDArray[] unit = identity(x.getManager(), groupLen, x.getDataType(), x.getDevice());
        NDArray g = x.reshape(n, groups, groupLen); // [N, G, C/G·H·W]
        NDArray normed = ai.djl.nn.norm.LayerNorm.layerNorm(g, new Shape(groupLen), unit[0], unit[1], eps)
                .singletonOrThrow().reshape(s);
        long[] affineShape = new long[s.dimension()];
        java.util.Arrays.fill(affineShape, 1);
        affineShape[1] = channels; // [1, C, 1, 1]
        // The reshaped views belong to the caller's scope, not to the weights' manager (which would grow per call).
        NDArray w = weight.get().reshape(affineShape); // [1, C, 1, 1]
        NDArray b = bias.get().reshape(affineShape); // [1, C, 1, 1]
        w.attach(x.getManager());
        b.attach(x.getManager());
        return normed.mul(w).add(b); // [N, C, H, W]
    }

    private synchronized NDArray[] identity(NDManager caller, long len, DataType type, Device device) {
        String key = len + "/" + type + "/" + device;
        NDArray[] cached = identityAffine.get(key);
        if (cached == null) {
            // Owned by the weight's manager, which lives as long as the model, not by the per-step scope.
            NDManager owner = weight.get().getManager();
            cached = new NDArray[] {owner.ones(new Shape(len), type, device), owner.zeros(new Shape(len), type, device)};
            // Made during some caller's step: keep it out of that step's NDScope, which would close it.
            ai.djl.ndarray.NDScope.unregister(cached);
            identityAffine.put(key, cached);
        }
        return cached;
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }
}
