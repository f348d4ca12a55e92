package org.danlu.engine.bucket;

/**
 * Where one image goes: its bucket, the size it is resized to (kohya's {@code resized_size}), the
 * scale factor, the centre crop down to the bucket, whether it is enlarged, and kohya's signed
 * aspect-ratio error {@code bucket_w/bucket_h − w/h}.
 */
public record Placement(Resolution bucket, int resizedWidth, int resizedHeight, double scale,
                        Crop crop, boolean upscaled, double arError) {

    /** True when sd-scripts resizes the image at all (resized size differs from the stored size). */
    public boolean resizes(int width, int height) {
        return resizedWidth != width || resizedHeight != height;
    }
}
