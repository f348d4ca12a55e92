package org.danlu.engine.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TagStatsTest {

    @TempDir
    Path root;

    @Test
    void countsOverASelection() throws IOException {
        Path d = root.resolve("10_x");
        Path e = root.resolve("2_y");
        TestImages.write(d.resolve("a.png"), TestImages.png(200, 201));
        TestImages.write(d.resolve("a.txt"), "dog, grass, dog\n");
        TestImages.write(d.resolve("b.png"), TestImages.png(200, 202));
        TestImages.write(d.resolve("b.txt"), "dog, sky\n");
        TestImages.write(d.resolve("c.png"), TestImages.png(200, 203));
        TestImages.write(d.resolve("d.png"), TestImages.png(200, 204));
        TestImages.write(d.resolve("d.txt"), "\n");
        TestImages.write(e.resolve("f.png"), TestImages.png(200, 205));
        TestImages.write(e.resolve("f.txt"), "cat, sky\n");
        DatasetScan s = new DatasetScanner().scan(root);

        TagStats all = TagStats.of(Selection.all().of(s));
        assertEquals(5, all.images());
        assertEquals(Map.of("dog", 3, "grass", 1, "sky", 2, "cat", 1), all.occurrences());
        assertEquals(Map.of("dog", 2, "grass", 1, "sky", 2, "cat", 1), all.imagesPerTag());
        assertEquals(List.of(d.resolve("c.png")), all.noCaption());
        assertEquals(List.of(d.resolve("d.png")), all.emptyCaption());
        assertEquals(Map.of(d.resolve("a.png"), List.of("dog")), all.duplicates());
        assertEquals(List.of(Map.entry("dog", 2), Map.entry("sky", 2), Map.entry("cat", 1)), all.top(3));

        TagStats y = TagStats.of(Selection.folder("2_y").of(s));
        assertEquals(Map.of("cat", 1, "sky", 1), y.imagesPerTag());
        assertEquals(2, TagStats.of(Selection.all().withTag("sky").of(s)).images());
    }
}
