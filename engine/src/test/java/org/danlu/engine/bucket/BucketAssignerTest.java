package org.danlu.engine.bucket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * select_bucket cases (kohya-compat.md §3.3/§3.4), each worked by hand. Columns: image w,h; expected
 * bucket w,h; resized w,h; crop left,top,right,bottom; upscaled.
 */
class BucketAssignerTest {

    private static final BucketAssigner PREDEFINED_512 =
            new BucketAssigner(BucketSettings.bucketed(Resolution.square(512)).prepare().settings());
    private static final BucketAssigner NO_UPSCALE_512 = new BucketAssigner(
            new BucketSettings(Resolution.square(512), true, 256, 1024, 64, true).prepare().settings());
    private static final BucketAssigner NO_UPSCALE_1024 = new BucketAssigner(
            new BucketSettings(Resolution.square(1024), true, 256, 1024, 64, true).prepare().settings());
    private static final BucketAssigner SINGLE_512 =
            new BucketAssigner(BucketSettings.single(Resolution.square(512)).prepare().settings());

    private static void check(BucketAssigner a, int w, int h, int bw, int bh, int rw, int rh,
                              int cl, int ct, int cr, int cb, boolean up) {
        Placement p = a.place(w, h);
        assertEquals(new Resolution(bw, bh), p.bucket(), "bucket of " + w + "x" + h);
        assertEquals(rw + "x" + rh, p.resizedWidth() + "x" + p.resizedHeight(), "resized size of " + w + "x" + h);
        assertEquals(new Crop(cl, ct, cr, cb), p.crop(), "crop of " + w + "x" + h);
        assertEquals(up, p.upscaled(), "upscaled flag of " + w + "x" + h);
    }

    // Predefined list for 512 (see BucketResolutionsTest). Bucket aspect ratios near the cases:
    // 512x512 1.0, 576x448 1.2857, 640x384 1.6667, 704x320 2.2, 768x320 2.4, 832x256 3.25, 1024x256 4.0.
    @ParameterizedTest(name = "{0}x{1} -> {2}x{3}")
    @CsvSource({
        // ar 1.3333: nearest 576x448 (err .0476). ar > 1.2857 -> scale 448/480 -> 597.33 -> 597x448;
        // trim 21 -> left 10, right 11 (the doc's verified example).
        "640, 480, 576, 448, 597, 448, 10, 0, 11, 0, false",
        // ar 1.7778: nearest 640x384 (err .111). scale 384/1080 -> 682.67 -> 683x384; trim 43 -> 21/22 (doc).
        "1920, 1080, 640, 384, 683, 384, 21, 0, 22, 0, false",
        // square: 512x512, scale 0.5, no crop.
        "1024, 1024, 512, 512, 512, 512, 0, 0, 0, 0, false",
        // exactly a bucket: used as is.
        "512, 512, 512, 512, 512, 512, 0, 0, 0, 0, false",
        "768, 320, 768, 320, 768, 320, 0, 0, 0, 0, false",
        // tiny: 64x64 -> 512x512, scale 8, upscaled (doc).
        "64, 64, 512, 512, 512, 512, 0, 0, 0, 0, true",
        // one pixel wider than 768x320: ar 2.4031, nearest 768x320 (err .0031); ar > 2.4 -> scale 320/320 = 1
        // -> 769x320, trim 1 -> left 0, right 1.
        "769, 320, 768, 320, 769, 320, 0, 0, 1, 0, false",
        // one pixel narrower: ar 2.3969, nearest 768x320; ar < 2.4 -> scale 768/767 -> 768 x 320.42 -> 768x320,
        // enlarged by one pixel.
        "767, 320, 768, 320, 768, 320, 0, 0, 0, 0, true",
        // very wide: ar 15, widest bucket 1024x256 (4.0); ar > 4 -> scale 256/200 = 1.28 -> 3840x256,
        // trim 2816 -> 1408 each side; enlarged.
        "3000, 200, 1024, 256, 3840, 256, 1408, 0, 1408, 0, true",
        // very tall: ar .0667, tallest 256x1024 (.25); ar < .25 -> scale 256/200 -> 256x3840, 1408 top/bottom.
        "200, 3000, 256, 1024, 256, 3840, 0, 1408, 0, 1408, true",
        // portrait 480x640: ar .75, nearest 448x576 (.7778, err .0278); ar < .7778 -> scale 448/480
        // -> 448 x 597.33 -> 448x597, trim 21 -> top 10, bottom 11.
        "480, 640, 448, 576, 448, 597, 0, 10, 0, 11, false",
    })
    void predefinedPath(int w, int h, int bw, int bh, int rw, int rh, int cl, int ct, int cr, int cb, boolean up) {
        check(PREDEFINED_512, w, h, bw, bh, rw, rh, cl, ct, cr, cb, up);
    }

    @ParameterizedTest(name = "{0}x{1} -> {2}x{3}")
    @CsvSource({
        // 640x480 > 512² area. ar 4/3: rw = sqrt(262144·4/3) = 591.21, rh = 443.40.
        // bw1 = round(591.21) = 591 -> 576, bh1 = round(576/1.333 = 432) -> 384, err1 = |1.5 - 1.333| = .167;
        // bh2 = round(443.4) = 443 -> 384, bw2 = round(512) = 512, err2 = 0 -> resized (int(384·4/3 + .5), 384)
        // = 512x384, bucket 512x384, no crop.
        "640, 480, 512, 384, 512, 384, 0, 0, 0, 0, false",
        // 1920x1080: rw = 682.67, rh = 384. bw1 = 683 -> 640, bh1 = round(360) -> 320, err1 = .222;
        // bh2 = 384, bw2 = round(682.67) = 683 -> 640, err2 = |1.667 - 1.778| = .111 -> resized
        // (int(384·1.7778 + .5) = 683, 384); bucket (683 - 43, 384) = 640x384; trim 43 -> 21/22.
        "1920, 1080, 640, 384, 683, 384, 21, 0, 22, 0, false",
        // area below 512²: never resized; bucket floors to steps: 500 - 52 = 448, 300 - 44 = 256.
        "500, 300, 448, 256, 500, 300, 26, 22, 26, 22, false",
        // square above the area: rw = rh = 512 exactly, both errors 0 -> (512, 512).
        "1024, 1024, 512, 512, 512, 512, 0, 0, 0, 0, false",
        // tiny: kept at 64x64, no min bound on this path (doc).
        "64, 64, 64, 64, 64, 64, 0, 0, 0, 0, false",
        // one pixel off a step below the area: 449x320 -> bucket 448x320, 1 px cropped on the right.
        "449, 320, 448, 320, 449, 320, 0, 0, 1, 0, false",
    })
    void noUpscalePath512(int w, int h, int bw, int bh, int rw, int rh, int cl, int ct, int cr, int cb, boolean up) {
        check(NO_UPSCALE_512, w, h, bw, bh, rw, rh, cl, ct, cr, cb, up);
    }

    @ParameterizedTest(name = "{0}x{1} -> {2}x{3}")
    @CsvSource({
        // the doc's example: 3000x200 at 1024² is below the area -> bucket (3000 - 56, 200 - 8) = 2944x192.
        "3000, 200, 2944, 192, 3000, 200, 28, 4, 28, 4, false",
        "200, 3000, 192, 2944, 200, 3000, 4, 28, 4, 28, false",
    })
    void noUpscalePath1024(int w, int h, int bw, int bh, int rw, int rh, int cl, int ct, int cr, int cb, boolean up) {
        check(NO_UPSCALE_1024, w, h, bw, bh, rw, rh, cl, ct, cr, cb, up);
    }

    @ParameterizedTest(name = "{0}x{1} -> {2}x{3}")
    @CsvSource({
        // one bucket 512x512. 640x480: ar 1.333 > 1 -> scale 512/480 -> 682.67 -> 683x512; trim 171 -> 85/86.
        "640, 480, 512, 512, 683, 512, 85, 0, 86, 0, true",
        // 1024x768 -> scale 512/768 -> 682.67 -> 683x512, downscaled.
        "1024, 768, 512, 512, 683, 512, 85, 0, 86, 0, false",
        "512, 512, 512, 512, 512, 512, 0, 0, 0, 0, false",
    })
    void bucketingOff(int w, int h, int bw, int bh, int rw, int rh, int cl, int ct, int cr, int cb, boolean up) {
        check(SINGLE_512, w, h, bw, bh, rw, rh, cl, ct, cr, cb, up);
    }

    @org.junit.jupiter.api.Test
    void arErrorAndScaleAreKohyas() {
        Placement p = PREDEFINED_512.place(640, 480);
        // ar_error = 576/448 - 640/480 = 1.285714... - 1.333333... = -0.047619...
        assertEquals(576.0 / 448 - 640.0 / 480, p.arError(), 0);
        assertEquals(448.0 / 480, p.scale(), 0);
    }

    @org.junit.jupiter.api.Test
    void rejectsUnusableSizes() {
        // 5000x10 below the area: bucket (4992, 10 - 10) has a zero side; sd-scripts would divide by zero.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NO_UPSCALE_512.place(5000, 10));
        assertEquals("image 5000x10 is too thin for bucket_reso_steps 64 with bucket_no_upscale (its bucket would"
                + " have a zero side; sd-scripts divides by zero here): crop or remove it", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PREDEFINED_512.place(0, 10));
    }
}
