package org.danlu.engine.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.danlu.engine.model.nn.Conv2d;
import org.danlu.engine.model.nn.ForwardDelta;
import org.danlu.engine.model.nn.Linear;

/**
 * One LoRA module as kohya's {@code networks.lora.LoRAModule} applies it: the layer's output plus
 * multiplier·(alpha/rank)·up(down(x)). For a Linear, down [r, in] and up [out, r]; for a Conv2d, down is a
 * conv with the layer's kernel, stride and padding [r, in, k, k] and up a 1×1 conv [out, r, 1, 1].
 *
 * <p>The scale is applied to the rank-r intermediate (the smallest tensor). When the layer's input is not in
 * the LoRA weights' dtype (frozen bf16/fp16 model, fp32 LoRA) the input is cast in and the result cast back:
 * the mixed-precision boundary. Whoever creates down/up decides whether they require gradients.
 */
public final class LoraDelta implements ForwardDelta {
    private final NDArray down;
    private final NDArray up;
    private final float scale;
    private final Conv2d conv; // null for a Linear target

    private LoraDelta(NDArray down, NDArray up, float scale, Conv2d conv) {
        this.down = down;
        this.up = up;
        this.scale = scale;
        this.conv = conv;
    }

    /** Attaches to {@code target}: down [r, in], up [out, r]; returns the delta (also set on the layer). */
    public static LoraDelta attach(Linear target, NDArray down, NDArray up, float alpha, float multiplier) {
        long rank = down.getShape().get(0);
        expect(down.getShape(), new Shape(rank, target.inFeatures), "lora_down");
        expect(up.getShape(), new Shape(target.outFeatures, rank), "lora_up");
        LoraDelta d = new LoraDelta(down, up, multiplier * alpha / rank, null);
        target.setDelta(d);
        return d;
    }

    /** Attaches to {@code target}: down [r, in, k, k], up [out, r, 1, 1]; returns the delta (also set on the layer). */
    public static LoraDelta attach(Conv2d target, NDArray down, NDArray up, float alpha, float multiplier) {
        long rank = down.getShape().get(0);
        expect(down.getShape(), new Shape(rank, target.inChannels, target.kernel, target.kernel), "lora_down");
        expect(up.getShape(), new Shape(target.outChannels, rank, 1, 1), "lora_up");
        LoraDelta d = new LoraDelta(down, up, multiplier * alpha / rank, target);
        target.setDelta(d);
        return d;
    }

    public float scale() {
        return scale;
    }

    @Override
    public NDArray apply(NDArray x) {
        DataType outer = x.getDataType();
        NDArray in = outer == down.getDataType() ? x : x.toType(down.getDataType(), false); // cast at the boundary
        NDArray y;
        if (conv == null) {
            NDArray h = ai.djl.nn.core.Linear.linear(in, down, null).singletonOrThrow().mul(scale); // [..., r]
            y = ai.djl.nn.core.Linear.linear(h, up, null).singletonOrThrow(); // [..., out]
        } else {
            NDArray h = ai.djl.nn.convolutional.Conv2d.conv2d(in, down, null, new Shape(conv.stride, conv.stride),
                    new Shape(conv.padding, conv.padding), new Shape(1, 1), 1).singletonOrThrow().mul(scale); // [N, r, H', W']
            y = ai.djl.nn.convolutional.Conv2d.conv2d(h, up, null, new Shape(1, 1), new Shape(0, 0), new Shape(1, 1), 1)
                    .singletonOrThrow(); // [N, out, H', W']
        }
        return outer == y.getDataType() ? y : y.toType(outer, false);
    }

    private static void expect(Shape actual, Shape expected, String what) {
        if (!actual.equals(expected)) {
            throw new IllegalArgumentException(what + " has shape " + actual + ", the layer needs " + expected);
        }
    }
}
