package org.danlu.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Resize, crop, flip and EXIF orientation of an image into its bucket (kohya-compat.md §3.4), hand-checked pixels. */
class BucketImageFitterTest {

    /** A grey-level image (R = G = B) from rows of values. */
    private static Rgb8Image grey(int[][] rows) {
        int h = rows.length;
        int w = rows[0].length;
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    rgb[(y * w + x) * 3 + c] = (byte) rows[y][x];
                }
            }
        }
        return new Rgb8Image(w, h, rgb);
    }

    private static int[] row(Rgb8Image img, int y) {
        int[] out = new int[img.width()];
        for (int x = 0; x < img.width(); x++) {
            out[x] = img.get(x, y, 0);
        }
        return out;
    }

    private static Rgb8Image constant(int w, int h, int r, int g, int b) {
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < w * h; i++) {
            rgb[i * 3] = (byte) r;
            rgb[i * 3 + 1] = (byte) g;
            rgb[i * 3 + 2] = (byte) b;
        }
        return new Rgb8Image(w, h, rgb);
    }

    @Test
    void aConstantImageStaysConstantUnderEveryFilter() {
        Rgb8Image c = constant(7, 5, 200, 17, 93);
        for (ResizeInterpolation how : new ResizeInterpolation[] {null, ResizeInterpolation.LANCZOS, ResizeInterpolation.BOX}) {
            for (int[] size : new int[][] {{13, 11}, {3, 2}, {7, 9}, {5, 5}}) {
                Rgb8Image r = BucketImageFitter.resize(c, size[0], size[1], how);
                assertEquals(size[0], r.width());
                assertEquals(size[1], r.height());
                for (int y = 0; y < r.height(); y++) {
                    for (int x = 0; x < r.width(); x++) {
                        assertEquals(200, r.get(x, y, 0), how + " " + size[0] + "x" + size[1]);
                        assertEquals(17, r.get(x, y, 1));
                        assertEquals(93, r.get(x, y, 2));
                    }
                }
            }
        }
    }

    @Test
    void areaDownsampleOfA2x2BlockIsItsAverageRoundedAsOpenCv() {
        // Blocks {10,20,30,41} → (101+2)>>2 = 25; {0,1,1,1} → (3+2)>>2 = 1; {2,2,3,3} → (10+2)>>2 = 3 (2.5 rounds up).
        Rgb8Image img = grey(new int[][] {{10, 20, 0, 1, 2, 2}, {30, 41, 1, 1, 3, 3}});
        Rgb8Image r = AreaResampler.resize(img, 3, 1);
        assertArrayEquals(new int[] {25, 1, 3}, row(r, 0));
    }

    @Test
    void areaWithAFractionalFactorWeighsPartlyCoveredPixels() {
        // 3 → 2 (scale 1.5): out0 = (p0 + 0.5·p1)/1.5 = (2·10 + 100)/3 = 40; out1 = (0.5·p1 + p2)/1.5 = (100 + 2·40)/3 = 60.
        Rgb8Image img = grey(new int[][] {{10, 100, 40}});
        assertArrayEquals(new int[] {40, 60}, row(AreaResampler.resize(img, 2, 1), 0));
        // Default choice: shrinking in both directions means area.
        assertArrayEquals(new int[] {40, 60}, row(BucketImageFitter.resize(img, 2, 1, null), 0));
        assertEquals(ResizeInterpolation.AREA, ResizeInterpolation.auto(3, 1, 2, 1));
        assertEquals(ResizeInterpolation.LANCZOS, ResizeInterpolation.auto(3, 1, 2, 2));
    }

    @Test
    void lanczosMatchesPilsTapsWorkedByHand() {
        // [0, 255] → 4 wide (scale 0.5, support 3). Output 1: centre 0.75, taps L(−0.25) = 0.890067,
        // L(0.75) = 0.270190 (L(x) = sinc(x)·sinc(x/3)); 255·0.270190/1.160257 = 59.38 → 59.
        // Output 0: 255·L(1.25)/(L(0.25)+L(1.25)) = 255·(−0.132871)/0.757196 < 0 → clipped to 0.
        // Outputs 2 and 3 mirror them: 255 − 59.38 → 196 (195.62 rounds up), 299.7 → clipped to 255.
        Rgb8Image img = grey(new int[][] {{0, 255}});
        assertArrayEquals(new int[] {0, 59, 196, 255}, row(PilResampler.resize(img, 4, 1, PilResampler.Filter.LANCZOS), 0));
        // Enlarging picks Lanczos by default.
        assertArrayEquals(new int[] {0, 59, 196, 255}, row(BucketImageFitter.resize(img, 4, 1, null), 0));
    }

    @Test
    void boxDownsampleAveragesPairs() {
        // PIL box 4 → 2: each output averages two inputs: (0+100)/2 = 50, (200+255)/2 = 227.5 → 228 (rounds half up).
        Rgb8Image img = grey(new int[][] {{0, 100, 200, 255}});
        assertArrayEquals(new int[] {50, 228}, row(PilResampler.resize(img, 2, 1, PilResampler.Filter.BOX), 0));
    }

    @Test
    void centreCropTakesHalfTheTrim() {
        // Columns 0..9, bucket 4 wide, no resize: trim 6, offset 3 → columns 3..6 (kohya: 597→576 gives 10).
        int[][] rows = new int[4][10];
        for (int[] r : rows) {
            for (int x = 0; x < 10; x++) {
                r[x] = x * 10;
            }
        }
        PreparedImage p = BucketImageFitter.fit(grey(rows), new BucketTarget(4, 4, 10, 4), null, false, false, new ScriptedRandom());
        assertEquals(3, p.cropLeft());
        assertEquals(0, p.cropTop());
        assertFalse(p.flipped());
        // Column 3 = 30 → 30/255 → (v − 0.5)/0.5.
        assertEquals((30 / 255f - 0.5f) / 0.5f, p.pixels().get(0, 0, 0), 0f);
        assertEquals((60 / 255f - 0.5f) / 0.5f, p.pixels().get(2, 3, 3), 0f);
    }

    @Test
    void randomCropDrawsAnOffsetInZeroToTrimInclusiveThenFlips() {
        int[][] rows = new int[6][10];
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 10; x++) {
                rows[y][x] = x * 10 + y;
            }
        }
        // x: nextInt(7) → 5; y: nextInt(3) → 2; flip: 0.3 < 0.5 → mirrored.
        ScriptedRandom rng = new ScriptedRandom().thenInts(5, 2).thenDoubles(0.3);
        PreparedImage p = BucketImageFitter.fit(grey(rows), new BucketTarget(4, 4, 10, 6), null, true, true, rng);
        assertTrue(rng.exhausted());
        assertEquals(5, p.cropLeft());
        assertEquals(2, p.cropTop());
        assertTrue(p.flipped());
        // Output (x=0, y=0) is source column 5 + 3 (mirrored), row 2: value 82.
        assertEquals((82 / 255f - 0.5f) / 0.5f, p.pixels().get(1, 0, 0), 0f);
        assertEquals((52 / 255f - 0.5f) / 0.5f, p.pixels().get(1, 0, 3), 0f); // column 5, row 2
    }

    @Test
    void pixelsMapToMinusOneToOne() {
        PreparedImage p = BucketImageFitter.fit(constant(2, 2, 0, 255, 128), new BucketTarget(2, 2, 2, 2), null,
                false, false, new Random(1));
        assertEquals(-1f, p.pixels().get(0, 1, 1), 0f);
        assertEquals(1f, p.pixels().get(1, 1, 1), 0f);
        assertEquals(0.003921628f, p.pixels().get(2, 0, 0), 1e-7f); // 128/255 = 0.50196 → 0.00392
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            ai.djl.ndarray.NDArray t = p.pixels().toNDArray(m);
            assertEquals(new ai.djl.ndarray.types.Shape(3, 2, 2), t.getShape());
            assertArrayEquals(p.pixels().data(), t.toFloatArray(), 0f);
        }
    }

    @Test
    void exifOrientationsTurnTheImageUpright() {
        // Stored 3×2:  0 1 2 / 3 4 5
        Rgb8Image img = grey(new int[][] {{0, 1, 2}, {3, 4, 5}});
        assertRows(img, 1, new int[][] {{0, 1, 2}, {3, 4, 5}});
        assertRows(img, 2, new int[][] {{2, 1, 0}, {5, 4, 3}});
        assertRows(img, 3, new int[][] {{5, 4, 3}, {2, 1, 0}});
        assertRows(img, 4, new int[][] {{3, 4, 5}, {0, 1, 2}});
        assertRows(img, 5, new int[][] {{0, 3}, {1, 4}, {2, 5}});
        assertRows(img, 6, new int[][] {{3, 0}, {4, 1}, {5, 2}}); // rotate 90° clockwise
        assertRows(img, 7, new int[][] {{5, 2}, {4, 1}, {3, 0}});
        assertRows(img, 8, new int[][] {{2, 5}, {1, 4}, {0, 3}}); // rotate 90° counter-clockwise
        assertThrows(IllegalArgumentException.class, () -> ExifOrientation.upright(img, 9));
    }

    private static void assertRows(Rgb8Image img, int orientation, int[][] expected) {
        Rgb8Image up = ExifOrientation.upright(img, orientation);
        assertEquals(expected.length, up.height(), "orientation " + orientation);
        for (int y = 0; y < expected.length; y++) {
            assertArrayEquals(expected[y], row(up, y), "orientation " + orientation + " row " + y);
        }
    }

    @Test
    void decodedImagesConvertAsPilDoes() {
        BufferedImage gray = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(0, 0, 0, 100);
        gray.getRaster().setSample(1, 0, 0, 7);
        Rgb8Image g = Rgb8Image.of(gray);
        assertEquals(100, g.get(0, 0, 0));
        assertEquals(100, g.get(0, 0, 2));
        assertEquals(7, g.get(1, 0, 1));
        BufferedImage argb = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x00ff8040); // fully transparent: alpha is dropped, colour kept
        Rgb8Image a = Rgb8Image.of(argb);
        assertArrayEquals(new int[] {255}, row(a, 0));
        assertEquals(128, a.get(0, 0, 1));
        assertEquals(64, a.get(0, 0, 2));
    }

    @Test
    void fitAppliesOrientationBeforeTheBucket() {
        // A 4×2 stored image with orientation 6 is 2×4 upright; bucket 2×4 needs no resize or crop.
        BufferedImage img = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 1, 0xffffff); // stored bottom-left → upright top-left
        PreparedImage p = BucketImageFitter.fit(img, 6, new BucketTarget(2, 4, 2, 4), null, false, false, new ScriptedRandom());
        assertEquals(4, p.pixels().height());
        assertEquals(2, p.pixels().width());
        assertEquals(1f, p.pixels().get(0, 0, 0), 0f);
        assertEquals(-1f, p.pixels().get(0, 0, 1), 0f);
    }

    @Test
    void badSettingsAreNamed() {
        assertNull(ResizeInterpolation.parse(null));
        assertEquals(ResizeInterpolation.BOX, ResizeInterpolation.parse("Box"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResizeInterpolation.parse("bicubic"));
        assertTrue(e.getMessage().contains("resize_interpolation"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BucketTarget(512, 512, 500, 512));
    }
}
