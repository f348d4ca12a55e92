package org.danlu.engine.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** bfloat16 conversions done in Java, because DJL 0.35.1 cannot hold a BFLOAT16 NDArray (see DType). */
final class Bf16 {
    private Bf16() {}

    /**
     * Exact widening (a bf16 is the upper half of the float32 with the same value): writes values
     * {@code from .. from + count} of {@code src} as little-endian F32 into {@code dst}.
     */
    static void widenInto(ByteBuffer src, int from, int count, ByteBuffer dst) {
        ByteBuffer le = src.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            dst.putInt((le.getShort((from + i) * 2) & 0xFFFF) << 16);
        }
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
