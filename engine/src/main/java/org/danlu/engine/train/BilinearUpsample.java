package org.danlu.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * torch's {@code nn.Upsample(size, mode="bilinear")} (align_corners=False) on [B, C, h, w], written as
 * two small interpolation matrices: {@code out = Ry · x · Rxᵀ}. Source coordinate of output o is
 * {@code (o + 0.5)·(in/out) − 0.5}, clamped at 0, blended between its floor and the next pixel.
 */
final class BilinearUpsample {

    private BilinearUpsample() {
    }

    static NDArray apply(NDArray x, int outH, int outW) {
        Shape s = x.getShape();
        int inH = (int) s.get(2);
        int inW = (int) s.get(3);
        return TempScope.run(() -> {
            NDArray ry = x.getManager().create(weights(inH, outH), new Shape(outH, inH)).toDevice(x.getDevice(), false);
            NDArray rxT = x.getManager().create(weights(inW, outW), new Shape(outW, inW)).toDevice(x.getDevice(), false)
                    .transpose(); // [inW, outW]
            return ry.matMul(x).matMul(rxT); // [B, C, outH, inW] → [B, C, outH, outW]
        });
    }

    /** Row o holds the weights of the input pixels for output pixel o (torch's upsample_bilinear2d). */
    static float[] weights(int in, int out) {
        float[] m = new float[out * in];
        float scale = (float) in / out;
        for (int o = 0; o < out; o++) {
            float src = scale * (o + 0.5f) - 0.5f;
            if (src < 0) {
                src = 0;
            }
            int i0 = (int) src;
            int step = i0 < in - 1 ? 1 : 0;
            float lambda1 = src - i0;
            m[o * in + i0] += 1.0f - lambda1;
            m[o * in + i0 + step] += lambda1;
        }
        return m;
    }
}
