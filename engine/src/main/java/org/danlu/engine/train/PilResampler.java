package org.danlu.engine.train;

import java.util.function.DoubleUnaryOperator;

/**
 * PIL's {@code Image.resize} for 8-bit RGB ({@code libImaging/Resample.c}): separable convolution,
 * horizontal pass first into an 8-bit intermediate, then vertical; coefficients normalised per
 * output pixel and rounded to 22-bit fixed point, sums rounded and clipped to 0..255 — so results
 * match PIL's bytes, not just its maths. Used by kohya for {@code lanczos} (its default when an
 * image grows in either direction) and {@code box}.
 */
public final class PilResampler {

    private static final int PRECISION_BITS = 32 - 8 - 2;

    /** A PIL filter: kernel and support radius at scale 1. */
    public enum Filter {
        LANCZOS(3.0, PilResampler::lanczos),
        BOX(0.5, x -> x > -0.5 && x <= 0.5 ? 1.0 : 0.0);

        final double support;
        final DoubleUnaryOperator kernel;

        Filter(double support, DoubleUnaryOperator kernel) {
            this.support = support;
            this.kernel = kernel;
        }
    }

    private PilResampler() {
    }

    public static Rgb8Image resize(Rgb8Image in, int outWidth, int outHeight, Filter filter) {
        Rgb8Image out = in;
        if (outWidth != in.width()) {
            out = horizontal(out, outWidth, coefficients(in.width(), outWidth, filter));
        }
        if (outHeight != in.height()) {
            out = vertical(out, outHeight, coefficients(in.height(), outHeight, filter));
        }
        return out;
    }

    private static double sinc(double x) {
        if (x == 0.0) {
            return 1.0;
        }
        x *= Math.PI;
        return Math.sin(x) / x;
    }

    private static double lanczos(double x) {
        return -3.0 <= x && x < 3.0 ? sinc(x) * sinc(x / 3) : 0.0;
    }

    /** Per output index: first source index, tap count, and fixed-point weights (PIL's precompute_coeffs). */
    record Taps(int[] start, int[] count, int[][] weights) {
    }

    static Taps coefficients(int inSize, int outSize, Filter filter) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(1.0, scale);
        double support = filter.support * filterScale;
        int[] start = new int[outSize];
        int[] count = new int[outSize];
        int[][] weights = new int[outSize][];
        for (int xx = 0; xx < outSize; xx++) {
            double center = (xx + 0.5) * scale;
            double ss = 1.0 / filterScale;
            int xmin = Math.max(0, (int) (center - support + 0.5));
            int xmax = Math.min(inSize, (int) (center + support + 0.5)) - xmin;
            double[] k = new double[Math.max(0, xmax)];
            double total = 0.0;
            for (int x = 0; x < xmax; x++) {
                k[x] = filter.kernel.applyAsDouble((x + xmin - center + 0.5) * ss);
                total += k[x];
            }
            int[] fixed = new int[k.length];
            for (int x = 0; x < k.length; x++) {
                double w = total != 0.0 ? k[x] / total : k[x];
                fixed[x] = (int) (w < 0 ? -0.5 + w * (1 << PRECISION_BITS) : 0.5 + w * (1 << PRECISION_BITS));
            }
            start[xx] = xmin;
            count[xx] = k.length;
            weights[xx] = fixed;
        }
        return new Taps(start, count, weights);
    }

    private static byte clip8(int sum) {
        int v = sum >> PRECISION_BITS;
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }

    private static Rgb8Image horizontal(Rgb8Image in, int outWidth, Taps taps) {
        int w = in.width();
        int h = in.height();
        byte[] src = in.rgb();
        byte[] out = new byte[outWidth * h * 3];
        for (int y = 0; y < h; y++) {
            int row = y * w * 3;
            for (int xx = 0; xx < outWidth; xx++) {
                int[] k = taps.weights[xx];
                int x0 = taps.start[xx];
                for (int c = 0; c < 3; c++) {
                    int ss = 1 << (PRECISION_BITS - 1);
                    for (int x = 0; x < k.length; x++) {
                        ss += (src[row + (x0 + x) * 3 + c] & 0xff) * k[x];
                    }
                    out[(y * outWidth + xx) * 3 + c] = clip8(ss);
                }
            }
        }
        return new Rgb8Image(outWidth, h, out);
    }

    private static Rgb8Image vertical(Rgb8Image in, int outHeight, Taps taps) {
        int w = in.width();
        byte[] src = in.rgb();
        byte[] out = new byte[w * outHeight * 3];
        int stride = w * 3;
        for (int yy = 0; yy < outHeight; yy++) {
            int[] k = taps.weights[yy];
            int y0 = taps.start[yy];
            for (int i = 0; i < stride; i++) {
                int ss = 1 << (PRECISION_BITS - 1);
                for (int y = 0; y < k.length; y++) {
                    ss += (src[(y0 + y) * stride + i] & 0xff) * k[y];
                }
                out[yy * stride + i] = clip8(ss);
            }
        }
        return new Rgb8Image(w, outHeight, out);
    }
}
