package org.danlu.engine.bucket;

/**
 * Pixels cut from each side of the resized image so that it fits its bucket exactly. kohya crops the
 * centre: {@code left = trim // 2}, {@code right = trim - left} (likewise top/bottom); with
 * {@code random_crop} the offset is random per step and only the total ({@link #width()}) holds.
 */
public record Crop(int left, int top, int right, int bottom) {

    public static final Crop NONE = new Crop(0, 0, 0, 0);

    /** The centre crop kohya takes from a resized size down to a bucket. */
    public static Crop centre(int resizedWidth, int resizedHeight, Resolution bucket) {
        int trimW = Math.max(0, resizedWidth - bucket.width());
        int trimH = Math.max(0, resizedHeight - bucket.height());
        return new Crop(trimW / 2, trimH / 2, trimW - trimW / 2, trimH - trimH / 2);
    }

    /** Total pixels cut horizontally. */
    public int width() {
        return left + right;
    }

    /** Total pixels cut vertically. */
    public int height() {
        return top + bottom;
    }

    public boolean isNone() {
        return left == 0 && top == 0 && right == 0 && bottom == 0;
    }
}
