package org.danlu.engine.bucket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BucketResolutionsTest {

    private static List<Resolution> list(int... wh) {
        List<Resolution> out = new ArrayList<>();
        for (int i = 0; i < wh.length; i += 2) {
            out.add(new Resolution(wh[i], wh[i + 1]));
        }
        return out;
    }

    @Test
    void kohyaDocumentedList512() {
        // kohya-compat.md §3.2, A = 512·512 = 262144, s = 64, lo 256, hi 1024:
        // square: floor(sqrt(A)/64)·64 = 512.
        // w=256: A//256 = 1024 -> 1024 (cap 1024)      w=320: 819 -> 768      w=384: 682 -> 640
        // w=448: 585 -> 576      w=512: 512            w=576: 455 -> 448      w=640: 409 -> 384
        // w=704: 372 -> 320      w=768: 341 -> 320     w=832..1024: 315,292,273,256 -> 256
        // each (w,h) and (h,w), de-duplicated and sorted: the 17 buckets of the doc.
        assertEquals(list(256, 832, 256, 896, 256, 960, 256, 1024, 320, 704, 320, 768, 384, 640, 448, 576,
                        512, 512, 576, 448, 640, 384, 704, 320, 768, 320, 832, 256, 896, 256, 960, 256, 1024, 256),
                BucketResolutions.make(Resolution.square(512), 256, 1024, 64));
    }

    @Test
    void nonSquareResolution768x512() {
        // A = 393216. square: sqrt(A) = 627.06 -> 9·64 = 576 -> (576,576), not otherwise generated.
        // w=256: 1536 -> cap 1024   w=320: 1228 -> 1216 -> cap 1024   w=384: 1024   w=448: 877 -> 832
        // w=512: 768   w=576: 682 -> 640   w=640: 614 -> 576   w=704: 558 -> 512   w=768: 512
        // w=832: 472 -> 448   w=896: 438 -> 384   w=960: 409 -> 384   w=1024: 384
        assertEquals(list(256, 1024, 320, 1024, 384, 896, 384, 960, 384, 1024, 448, 832, 512, 704, 512, 768,
                        576, 576, 576, 640, 640, 576, 704, 512, 768, 512, 832, 448, 896, 384, 960, 384,
                        1024, 256, 1024, 320, 1024, 384),
                BucketResolutions.make(new Resolution(768, 512), 256, 1024, 64));
    }

    @Test
    void parsesKohyaResolutionStrings() {
        assertEquals(Resolution.square(512), Resolution.parse("512"));
        assertEquals(new Resolution(768, 512), Resolution.parse(" 768, 512 "));
        assertEquals("768,512", new Resolution(768, 512).toKohyaString());
        assertEquals("512", Resolution.square(512).toKohyaString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Resolution.parse("512x512"));
        assertEquals("resolution \"512x512\" is not valid: write one size (\"512\") or width,height (\"768,512\")",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Resolution.parse("0"));
        assertThrows(IllegalArgumentException.class, () -> Resolution.parse("1,2,3"));
    }

    @Test
    void preparationAdjustsMinAndMaxToSteps() {
        // §3.1: min is floored, max is ceiled to the steps. 300 % 64 = 44 -> 300 - 44 = 256;
        // 1000 % 64 = 40 -> 1000 + 64 - 40 = 1024. With steps 32: 300 % 32 = 12 -> 288 (the doc's example).
        BucketSettings raw = new BucketSettings(Resolution.square(512), true, 300, 1000, 64, false);
        BucketSettings.Prepared p = raw.prepare();
        assertEquals(256, p.settings().minBucketReso());
        assertEquals(1024, p.settings().maxBucketReso());
        assertEquals("min_bucket_reso is adjusted to be a multiple of bucket_reso_steps: 300 -> 256", p.warnings().get(0));
        assertEquals("max_bucket_reso is adjusted to be a multiple of bucket_reso_steps: 1000 -> 1024", p.warnings().get(1));

        BucketSettings steps32 = new BucketSettings(Resolution.square(512), true, 300, 1024, 32, false);
        assertEquals(288, steps32.prepare().settings().minBucketReso());
        assertEquals("bucket_reso_steps 32 is not a multiple of 64: kohya's SD1/SD2 train_network.py stops on it"
                + " (SDXL accepts multiples of 32)", steps32.prepare().warnings().get(1));
    }

    @Test
    void preparationRejectsMinAboveResolution() {
        BucketSettings raw = new BucketSettings(Resolution.square(512), true, 640, 1024, 64, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, raw::prepare);
        assertEquals("min_bucket_reso 640 must be equal or less than the resolution's short side 512:"
                + " lower min_bucket_reso or raise resolution", e.getMessage());
        BucketSettings big = new BucketSettings(new Resolution(1280, 512), true, 256, 1024, 64, false);
        assertThrows(IllegalArgumentException.class, big::prepare);
        // Bucketing off: nothing is checked or adjusted.
        BucketSettings off = new BucketSettings(Resolution.square(512), false, 640, 1000, 64, false);
        assertEquals(0, off.prepare().warnings().size());
    }
}
