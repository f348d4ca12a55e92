package org.danlu.engine.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleDatasetTest {

    @TempDir
    Path dir;

    @Test
    void aSmallKohyaDatasetWithWarningsButNoErrors() throws IOException {
        SampleDataset.Result r = SampleDataset.generate(dir.resolve("train"), SampleDataset.DEFAULT_SEED);
        assertTrue(r.created());
        DatasetScan s = new DatasetScanner().scan(dir);
        assertEquals(DatasetScan.Layout.TRAIN_REG, s.layout());
        assertEquals(Set.of(SampleDataset.SHAPE_FOLDER, SampleDataset.PATTERN_FOLDER),
                s.folders().stream().map(DatasetFolder::folderName).collect(Collectors.toSet()));
        assertEquals("dnl", s.folder(SampleDataset.SHAPE_FOLDER).orElseThrow().identifier());
        assertTrue(s.imageCount() >= 24 && s.imageCount() <= 40, "images: " + s.imageCount());
        assertTrue(s.images().stream().allMatch(e -> e.width() <= 256 && e.height() <= 256));
        assertEquals(Set.of(ImageFormat.PNG, ImageFormat.JPEG),
                s.images().stream().map(ImageEntry::format).collect(Collectors.toSet()));
        assertTrue(s.images().stream().map(e -> e.width() + "x" + e.height()).distinct().count() >= 4,
                "different sizes and aspects");
        assertFalse(s.hasErrors(), () -> s.findings().toString());
        Set<String> kinds = s.findings().stream().map(Finding::kind).collect(Collectors.toSet());
        assertEquals(Set.of("no-caption", "caption-without-image", "duplicate-image", "too-small",
                "multi-line-caption", "mixed-case-extension", "folder-not-kohya"), kinds);
        assertEquals(1, TagStats.of(s.images()).duplicates().size(), "one caption repeats a tag");
    }

    @Test
    void theSameSeedGivesTheSameBytes() throws IOException {
        SampleDataset.generate(dir.resolve("a"), 5);
        SampleDataset.generate(dir.resolve("b"), 5);
        SampleDataset.generate(dir.resolve("c"), 6);
        String a = DiskSnapshot.contents(dir.resolve("a"));
        assertTrue(a.contains(SampleDataset.SHAPE_FOLDER + "/circle_01.png "));
        assertEquals(a, DiskSnapshot.contents(dir.resolve("b")));
        assertNotEquals(a, DiskSnapshot.contents(dir.resolve("c")));
    }

    @Test
    void neverWritesIntoAFolderThatHasFiles() throws IOException {
        Path mine = TestImages.write(dir.resolve("train/10_mine/a.txt"), "my caption\n");
        SampleDataset.Result r = SampleDataset.generate(dir.resolve("train"), 1);
        assertFalse(r.created());
        assertEquals("my caption\n", Files.readString(mine));
        try (var s = Files.list(dir.resolve("train"))) {
            assertEquals(1, s.count());
        }
    }
}
