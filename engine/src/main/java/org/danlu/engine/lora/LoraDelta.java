package org.danlu.engine.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.danlu.engine.model.nn.Conv2d;
import org.danlu.engine.model.nn.NativeScalar;

/**
 * The LoRA forward term as kohya's {@code networks.lora.LoRAModule} computes it: scale·up(down(x)) with
 * scale = multiplier·alpha/rank. For a Linear, down [r, in] and up [out, r]; for a Conv2d, down is a conv with
 * the layer's kernel, stride and padding [r, in, k, k] and up a 1×1 conv [out, r, 1, 1].
 *
 * <p>The scale is applied to the rank-r intermediate (the smallest tensor). When the layer's input is not in
 * the LoRA weights' dtype (frozen fp16 model, fp32 LoRA) the input is cast in and the result cast back: the
 * mixed-precision boundary. Dropout, when training asks for it, is applied to the intermediate too.
 */
final class LoraDelta {
    private LoraDelta() {}

    /**
     * @param conv the adapted conv layer (for stride/padding), or null for a Linear target
     * @param dropout inverted dropout probability on the rank-r intermediate (0 = none)
     */
    static NDArray forward(NDArray x, NDArray down, NDArray up, float scale, Conv2d conv, float dropout) {
        DataType outer = x.getDataType();
        NDArray in = outer == down.getDataType() ? x : x.toType(down.getDataType(), false); // cast at the boundary
        NDArray h;
        if (conv == null) {
            h = ai.djl.nn.core.Linear.linear(in, down, null).singletonOrThrow(); // [..., r]
        } else {
            h = ai.djl.nn.convolutional.Conv2d.conv2d(in, down, null, new Shape(conv.stride, conv.stride),
                    new Shape(conv.padding, conv.padding), new Shape(1, 1), 1).singletonOrThrow(); // [N, r, H', W']
        }
        if (dropout > 0) {
            // keep with probability 1-p, scale kept values by 1/(1-p); folded into the scale below
            NDArray keep = h.getManager().randomUniform(0f, 1f, h.getShape(), h.getDataType(), h.getDevice()).gte(dropout);
            h = h.mul(keep.toType(h.getDataType(), false));
            scale /= 1 - dropout;
        }
        h = NativeScalar.times(h, scale); // not h.mul(scale): autograd keeps the scalar, see NativeScalar
        NDArray y = conv == null
                ? ai.djl.nn.core.Linear.linear(h, up, null).singletonOrThrow() // [..., out]
                : ai.djl.nn.convolutional.Conv2d.conv2d(h, up, null, new Shape(1, 1), new Shape(0, 0), new Shape(1, 1), 1)
                        .singletonOrThrow(); // [N, out, H', W']
        return outer == y.getDataType() ? y : y.toType(outer, false);
    }
}
