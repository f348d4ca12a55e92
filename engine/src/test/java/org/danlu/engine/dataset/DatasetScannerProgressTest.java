package org.danlu.engine.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The partial scans a listener sees while headers are read: what the studio fills its lists from. */
class DatasetScannerProgressTest {

    @TempDir
    Path root;

    @Test
    void partialScansArePrefixesInKohyaOrderAndTheResultIsTheFullScan() throws IOException {
        // 700 images over two folders: more than two chunks, so the first partial comes before the last chunk.
        byte[] png = TestImages.png(16, 24);
        for (int i = 0; i < 400; i++) {
            TestImages.write(root.resolve(String.format("10_a/img%03d.png", i)), png);
            TestImages.write(root.resolve(String.format("10_a/img%03d.txt", i)), "a, tag" + i);
        }
        for (int i = 0; i < 300; i++) {
            TestImages.write(root.resolve(String.format("2_b/img%03d.png", i)), png);
        }
        TestImages.write(root.resolve("10_a/orphan.txt"), "no image");

        List<ScanProgress> seen = new ArrayList<>();
        DatasetScan result = new DatasetScanner().scan(root, seen::add);

        assertFalse(seen.isEmpty(), "the first chunk is reported at once");
        ScanProgress first = seen.get(0);
        assertEquals(700, first.imagesTotal());
        assertTrue(first.imagesRead() > 0 && first.imagesRead() < 700, "read " + first.imagesRead());
        List<Path> full = result.images().stream().map(ImageEntry::path).toList();
        assertEquals(700, full.size());
        int before = 0;
        for (ScanProgress p : seen) {
            List<Path> part = p.soFar().images().stream().map(ImageEntry::path).toList();
            assertEquals(p.imagesRead(), part.size(), "every image read is in the partial scan");
            assertEquals(full.subList(0, part.size()), part, "kohya order: a prefix of the full list");
            assertTrue(part.size() > before, "progress only grows");
            before = part.size();
            assertEquals(List.of("10_a", "2_b"), p.soFar().folders().stream().map(DatasetFolder::folderName).toList(),
                    "every folder is listed from the first report");
            assertTrue(p.soFar().findings().stream().noneMatch(f -> f.kind().equals("caption-without-image")),
                    "whole-dataset lints wait for the complete scan");
        }
        DatasetScan plain = new DatasetScanner().scan(root);
        assertEquals(describe(plain), describe(result), "the listener changes nothing in the result");
        assertTrue(plain.findings().equals(result.findings()), "same findings");
        assertTrue(result.findings().stream().anyMatch(f -> f.kind().equals("caption-without-image")));
    }

    private static List<String> describe(DatasetScan s) {
        return s.images().stream().map(e -> e.path() + " " + e.width() + "x" + e.height() + " " + e.tags()).toList();
    }
}
