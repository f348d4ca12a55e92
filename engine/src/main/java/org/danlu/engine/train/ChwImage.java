package org.danlu.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * An RGB image as the VAE takes it: float32, channels-first ({@code data[(c·height + y)·width + x]}),
 * values in [-1, 1] ({@code p / 255}, then {@code (v − 0.5) / 0.5}, as torchvision's ToTensor + Normalize).
 */
public record ChwImage(int height, int width, float[] data) {

    public ChwImage {
        if (data.length != 3 * height * width) {
            throw new IllegalArgumentException("CHW buffer has " + data.length + " floats, expected " + 3 * height * width);
        }
    }

    /** The pixels as a float32 [3, H, W] tensor in {@code manager}. */
    public NDArray toNDArray(NDManager manager) {
        return manager.create(data, new Shape(3, height, width));
    }

    public float get(int channel, int y, int x) {
        return data[(channel * height + y) * width + x];
    }

    static ChwImage of(Rgb8Image image) {
        int h = image.height();
        int w = image.width();
        byte[] rgb = image.rgb();
        float[] out = new float[3 * h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    float v = (rgb[(y * w + x) * 3 + c] & 0xff) / 255f;
                    out[(c * h + y) * w + x] = (v - 0.5f) / 0.5f;
                }
            }
        }
        return new ChwImage(h, w, out);
    }
}
