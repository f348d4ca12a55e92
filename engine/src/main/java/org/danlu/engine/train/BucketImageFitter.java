package org.danlu.engine.train;

import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * Fits a decoded image into its bucket as kohya's {@code trim_and_resize_if_required} does
 * (kohya-compat.md §3.4): EXIF orientation applied first (Danlu's deliberate difference), resize to
 * the covering size only if it differs (area when shrinking in both directions, else Lanczos,
 * unless {@code resize_interpolation} says otherwise), crop width then height — centred
 * ({@code trim / 2}) or, with {@code random_crop}, at a uniform offset in {@code [0, trim]} —
 * then {@code flip_aug} (p = 0.5), then pixels to [-1, 1]. Random draws, in order: x offset,
 * y offset (only where there is something to trim and random_crop is on), flip.
 */
public final class BucketImageFitter {

    private BucketImageFitter() {
    }

    public static PreparedImage fit(BufferedImage decoded, int exifOrientation, BucketTarget target,
                                    ResizeInterpolation interpolation, boolean randomCrop, boolean flipAug, Random rng) {
        return fit(ExifOrientation.upright(Rgb8Image.of(decoded), exifOrientation), target, interpolation,
                randomCrop, flipAug, rng);
    }

    /** Fits an already upright image; {@code interpolation} null = kohya's default choice. */
    public static PreparedImage fit(Rgb8Image upright, BucketTarget target, ResizeInterpolation interpolation,
                                    boolean randomCrop, boolean flipAug, Random rng) {
        Rgb8Image img = resize(upright, target.resizedWidth(), target.resizedHeight(), interpolation);
        int left = offset(img.width() - target.bucketWidth(), randomCrop, rng);
        int top = offset(img.height() - target.bucketHeight(), randomCrop, rng);
        boolean flip = flipAug && rng.nextDouble() < 0.5;
        Rgb8Image cropped = crop(img, left, top, target.bucketWidth(), target.bucketHeight(), flip);
        return new PreparedImage(ChwImage.of(cropped), left, top, flip);
    }

    /** Resizes only when the size changes, with the given filter or kohya's default. */
    public static Rgb8Image resize(Rgb8Image in, int width, int height, ResizeInterpolation interpolation) {
        if (in.width() == width && in.height() == height) {
            return in;
        }
        ResizeInterpolation how = interpolation != null
                ? interpolation
                : ResizeInterpolation.auto(in.width(), in.height(), width, height);
        return switch (how) {
            case AREA -> in.width() >= width && in.height() >= height
                    ? AreaResampler.resize(in, width, height)
                    // OpenCV's INTER_AREA enlarges bilinearly; Danlu uses Lanczos there rather than refuse.
                    : PilResampler.resize(in, width, height, PilResampler.Filter.LANCZOS);
            case LANCZOS -> PilResampler.resize(in, width, height, PilResampler.Filter.LANCZOS);
            case BOX -> PilResampler.resize(in, width, height, PilResampler.Filter.BOX);
        };
    }

    private static int offset(int trim, boolean randomCrop, Random rng) {
        if (trim <= 0) {
            return 0;
        }
        return randomCrop ? rng.nextInt(trim + 1) : trim / 2;
    }

    private static Rgb8Image crop(Rgb8Image in, int left, int top, int width, int height, boolean mirror) {
        byte[] src = in.rgb();
        byte[] out = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            int srcRow = ((top + y) * in.width() + left) * 3;
            int dstRow = y * width * 3;
            if (!mirror) {
                System.arraycopy(src, srcRow, out, dstRow, width * 3);
                continue;
            }
            for (int x = 0; x < width; x++) {
                System.arraycopy(src, srcRow + (width - 1 - x) * 3, out, dstRow + x * 3, 3);
            }
        }
        return new Rgb8Image(width, height, out);
    }
}
