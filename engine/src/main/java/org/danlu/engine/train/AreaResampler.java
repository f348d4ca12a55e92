package org.danlu.engine.train;

/**
 * OpenCV's {@code cv::resize(..., INTER_AREA)} for shrinking 8-bit RGB ({@code imgproc/src/resize.cpp}),
 * kohya's default when an image shrinks in both directions: each output pixel is the average of the
 * source area it covers, partial pixels weighted by the covered fraction (float weights and sums,
 * rounded half-to-even as {@code saturate_cast}). Whole-number factors take OpenCV's fast path:
 * a plain block mean ({@code (a+b+c+d+2)>>2} for 2×2 blocks).
 */
public final class AreaResampler {

    private AreaResampler() {
    }

    public static Rgb8Image resize(Rgb8Image in, int outWidth, int outHeight) {
        if (outWidth > in.width() || outHeight > in.height()) {
            throw new IllegalArgumentException("area resampling only shrinks: " + in.width() + "x" + in.height()
                    + " -> " + outWidth + "x" + outHeight + "; use Lanczos to enlarge");
        }
        double scaleX = (double) in.width() / outWidth;
        double scaleY = (double) in.height() / outHeight;
        int intX = (int) Math.round(scaleX);
        int intY = (int) Math.round(scaleY);
        if (Math.abs(scaleX - intX) < Math.ulp(1.0) && Math.abs(scaleY - intY) < Math.ulp(1.0)) {
            return blockMean(in, intX, intY, outWidth, outHeight);
        }
        return fractional(in, outWidth, outHeight, scaleX, scaleY);
    }

    private static Rgb8Image blockMean(Rgb8Image in, int fx, int fy, int outWidth, int outHeight) {
        byte[] src = in.rgb();
        int w = in.width();
        byte[] out = new byte[outWidth * outHeight * 3];
        int area = fx * fy;
        float inv = 1.0f / area;
        for (int dy = 0; dy < outHeight; dy++) {
            for (int dx = 0; dx < outWidth; dx++) {
                for (int c = 0; c < 3; c++) {
                    int sum = 0;
                    for (int y = dy * fy; y < (dy + 1) * fy; y++) {
                        for (int x = dx * fx; x < (dx + 1) * fx; x++) {
                            sum += src[(y * w + x) * 3 + c] & 0xff;
                        }
                    }
                    int v = area == 4 && fx == 2 ? (sum + 2) >> 2 : (int) Math.rint(sum * inv);
                    out[(dy * outWidth + dx) * 3 + c] = (byte) Math.min(255, v);
                }
            }
        }
        return new Rgb8Image(outWidth, outHeight, out);
    }

    /** One axis' table: for each tap, destination index, source index and weight (computeResizeAreaTab). */
    private record Tab(int[] dst, int[] src, float[] alpha, int size) {
    }

    private static Tab table(int inSize, int outSize, double scale) {
        int[] dst = new int[inSize * 2 + 2];
        int[] src = new int[inSize * 2 + 2];
        float[] alpha = new float[inSize * 2 + 2];
        int k = 0;
        for (int dx = 0; dx < outSize; dx++) {
            double fsx1 = dx * scale;
            double fsx2 = fsx1 + scale;
            double cellWidth = Math.min(scale, inSize - fsx1);
            int sx2 = Math.min((int) Math.floor(fsx2), inSize - 1);
            int sx1 = Math.min((int) Math.ceil(fsx1), sx2);
            if (sx1 - fsx1 > 1e-3) {
                dst[k] = dx;
                src[k] = sx1 - 1;
                alpha[k++] = (float) ((sx1 - fsx1) / cellWidth);
            }
            for (int sx = sx1; sx < sx2; sx++) {
                dst[k] = dx;
                src[k] = sx;
                alpha[k++] = (float) (1.0 / cellWidth);
            }
            if (fsx2 - sx2 > 1e-3) {
                dst[k] = dx;
                src[k] = sx2;
                alpha[k++] = (float) (Math.min(Math.min(fsx2 - sx2, 1.0), cellWidth) / cellWidth);
            }
        }
        return new Tab(dst, src, alpha, k);
    }

    private static Rgb8Image fractional(Rgb8Image in, int outWidth, int outHeight, double scaleX, double scaleY) {
        Tab xt = table(in.width(), outWidth, scaleX);
        Tab yt = table(in.height(), outHeight, scaleY);
        byte[] src = in.rgb();
        int w = in.width();
        int n = outWidth * 3;
        byte[] out = new byte[outWidth * outHeight * 3];
        float[] buf = new float[n];
        float[] sum = new float[n];
        int prevDy = yt.dst[0];
        for (int j = 0; j < yt.size; j++) {
            float beta = yt.alpha[j];
            int dy = yt.dst[j];
            int row = yt.src[j] * w * 3;
            java.util.Arrays.fill(buf, 0f);
            for (int k = 0; k < xt.size; k++) {
                int d = xt.dst[k] * 3;
                int s = row + xt.src[k] * 3;
                float a = xt.alpha[k];
                buf[d] += (src[s] & 0xff) * a;
                buf[d + 1] += (src[s + 1] & 0xff) * a;
                buf[d + 2] += (src[s + 2] & 0xff) * a;
            }
            if (dy != prevDy) {
                store(sum, out, prevDy * n);
                for (int i = 0; i < n; i++) {
                    sum[i] = beta * buf[i];
                }
                prevDy = dy;
            } else {
                for (int i = 0; i < n; i++) {
                    sum[i] += beta * buf[i];
                }
            }
        }
        store(sum, out, prevDy * n);
        return new Rgb8Image(outWidth, outHeight, out);
    }

    private static void store(float[] sum, byte[] out, int offset) {
        for (int i = 0; i < sum.length; i++) {
            int v = (int) Math.rint(sum[i]);
            out[offset + i] = (byte) (v < 0 ? 0 : Math.min(v, 255));
        }
    }
}
