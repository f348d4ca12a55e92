package org.danlu.engine.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** bfloat16 conversions done in Java, because DJL 0.35.1 cannot hold a BFLOAT16 NDArray (see DType). */
final class Bf16 {
    private Bf16() {}

    /** Exact widening: a bf16 is the upper half of the float32 with the same value. */
    static float[] widen(ByteBuffer src, int count) {
        ByteBuffer le = src.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = Float.intBitsToFloat((le.getShort(i * 2) & 0xFFFF) << 16);
        }
        return out;
    }

    /** Round-to-nearest-even narrowing, as torch's float→bfloat16 cast does (NaN stays NaN). */
    static short narrow(float f) {
        int bits = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) {
            return (short) ((bits >>> 16) | 0x40);
        }
        int rounding = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }
}
