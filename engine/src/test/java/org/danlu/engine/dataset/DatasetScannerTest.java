package org.danlu.engine.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetScannerTest {

    @TempDir
    Path root;

    private static DatasetScan scan(Path p) {
        return new DatasetScanner().scan(p);
    }

    private static Set<String> kinds(DatasetScan s, Path file) {
        return s.findings().stream().filter(f -> f.file().equals(file)).map(Finding::kind).collect(Collectors.toSet());
    }

    private static Set<String> allKinds(DatasetScan s) {
        return s.findings().stream().map(Finding::kind).collect(Collectors.toSet());
    }

    @Test
    void kohyaFoldersWithRepeatsAndSkippedFolders() throws IOException {
        TestImages.write(root.resolve("20_shs dog/b.png"), TestImages.png(300, 200));
        TestImages.write(root.resolve("20_shs dog/a.jpg"), TestImages.jpeg(200, 300));
        TestImages.write(root.resolve("20_shs dog/a.txt"), "shs dog, grass\n");
        TestImages.write(root.resolve("20_shs dog/.hidden.png"), TestImages.png(300, 200));
        TestImages.write(root.resolve("3/c.png"), TestImages.png(256, 256));
        TestImages.write(root.resolve("dog/d.png"), TestImages.png(256, 256));
        TestImages.write(root.resolve("0_cat/e.png"), TestImages.png(256, 256));
        TestImages.write(root.resolve("loose.png"), TestImages.png(256, 256));
        DatasetScan s = scan(root);
        assertEquals(DatasetScan.Layout.FOLDERS, s.layout());
        assertEquals(List.of("20_shs dog", "3"), s.folders().stream().map(DatasetFolder::folderName).toList());
        DatasetFolder f = s.folder("20_shs dog").orElseThrow();
        assertEquals(20, f.repeats());
        assertEquals("shs", f.identifier());
        assertEquals("dog", f.className());
        assertFalse(f.reg());
        assertEquals(List.of("a.jpg", "b.png"), f.images().stream().map(ImageEntry::fileName).toList(),
                "sorted by path, hidden files left out as kohya's glob does");
        assertEquals(List.of("shs dog", "grass"), f.images().get(0).tags());
        assertEquals(1, f.captionedCount());
        assertEquals("shs dog, grass", f.captionOf(f.images().get(0)));
        assertEquals("shs dog", f.captionOf(f.images().get(1)), "no caption file: the folder's class tokens");
        assertEquals("", s.folder("3").orElseThrow().classTokens());
        assertEquals(Set.of("folder-not-kohya"), kinds(s, root.resolve("dog")));
        assertEquals(Set.of("folder-not-kohya"), kinds(s, root.resolve("0_cat")));
        assertEquals(Set.of("images-in-root"), kinds(s, root));
        assertFalse(s.hasErrors());
    }

    @Test
    void trainAndRegFolders() throws IOException {
        TestImages.write(root.resolve("train/10_shs dog/a.png"), TestImages.png(256, 256));
        TestImages.write(root.resolve("reg/1_dog/r.png"), TestImages.png(256, 256));
        DatasetScan s = scan(root);
        assertEquals(DatasetScan.Layout.TRAIN_REG, s.layout());
        assertEquals(List.of("10_shs dog"), s.trainFolders().stream().map(DatasetFolder::folderName).toList());
        assertEquals(List.of("1_dog"), s.regFolders().stream().map(DatasetFolder::folderName).toList());
        assertEquals(2, s.imageCount());
    }

    @Test
    void aSingleFolderOfImages() throws IOException {
        Path plain = root.resolve("photos");
        TestImages.write(plain.resolve("a.png"), TestImages.png(256, 256));
        DatasetScan s = scan(plain);
        assertEquals(DatasetScan.Layout.SINGLE_FOLDER, s.layout());
        assertEquals(1, s.folders().get(0).repeats());
        assertEquals(Set.of("single-folder"), kinds(s, plain));
        Path kohya = root.resolve("15_shs cat");
        TestImages.write(kohya.resolve("a.png"), TestImages.png(256, 256));
        DatasetScan k = scan(kohya);
        assertEquals(15, k.folders().get(0).repeats());
        assertEquals("cat", k.folders().get(0).className());
    }

    @Test
    void captionExtensionIsDetectedAndTheOtherOneFlagged() throws IOException {
        Path d = root.resolve("5_x");
        for (String n : List.of("a", "b", "c")) {
            TestImages.write(d.resolve(n + ".png"), TestImages.png(200, 200 + n.charAt(0)));
        }
        TestImages.write(d.resolve("a.caption"), "x, one\n");
        TestImages.write(d.resolve("b.caption"), "x, two\n");
        TestImages.write(d.resolve("c.txt"), "x, three\n");
        DatasetScan s = scan(root);
        assertEquals(new CaptionExtension(".caption", true, 1, 2), s.captionExtension());
        assertEquals(Set.of("caption-other-extension"), kinds(s, d.resolve("c.png")));
        DatasetScan forced = new DatasetScanner(ScanOptions.defaults().withCaptionExtension("txt")).scan(root);
        assertEquals(".txt", forced.captionExtension().extension());
        assertFalse(forced.captionExtension().detected());
        assertEquals(Set.of("caption-other-extension"), kinds(forced, d.resolve("a.png")));
        assertEquals(List.of("x", "three"), forced.image(d.resolve("c.png")).orElseThrow().tags());
    }

    @Test
    void everyLintFindingNamesItsFile() throws IOException {
        Path d = root.resolve("10_x");
        byte[] png = TestImages.png(300, 300);
        TestImages.write(d.resolve("orig.png"), png);
        TestImages.write(d.resolve("copy.png"), png);
        // same size, different bytes: hashed, but no duplicate
        TestImages.write(d.resolve("textA.png"), TestImages.insertPngChunk(png, "tEXt", "k\0a".getBytes()));
        TestImages.write(d.resolve("textB.png"), TestImages.insertPngChunk(png, "tEXt", "k\0b".getBytes()));
        TestImages.write(d.resolve("tiny.png"), TestImages.png(64, 300));
        TestImages.write(d.resolve("strip.png"), TestImages.png(1000, 200));
        TestImages.write(d.resolve("mixed.Jpg"), TestImages.jpeg(300, 300));
        TestImages.write(d.resolve("upper.JPG"), TestImages.jpeg(301, 300));
        TestImages.write(d.resolve("turned.jpg"), TestImages.jpegWithOrientation(400, 300, 6));
        TestImages.write(d.resolve("multi.png"), TestImages.png(302, 300));
        TestImages.write(d.resolve("multi.txt"), "a, b\nc, d\n");
        TestImages.write(d.resolve("zero.png"), TestImages.png(303, 300));
        TestImages.write(d.resolve("zero.txt"), new byte[0]);
        TestImages.write(d.resolve("blank.png"), TestImages.png(304, 300));
        TestImages.write(d.resolve("blank.txt"), " \n");
        TestImages.write(d.resolve("orphan.txt"), "a\n");
        TestImages.write(d.resolve("bom.png"), TestImages.png(305, 300));
        TestImages.write(d.resolve("bom.txt"), "\uFEFFa, b\n");
        Files.createDirectories(root.resolve("4_empty"));
        for (String n : List.of("orig", "copy", "textA", "textB", "tiny", "strip", "mixed", "upper", "turned")) {
            TestImages.write(d.resolve(n + ".txt"), "x\n");
        }
        DatasetScan s = scan(root);
        // the first by path (copy.png) is the one kept; the later one is flagged
        assertEquals(Set.of("duplicate-image"), kinds(s, d.resolve("orig.png")));
        assertEquals(Set.of(), kinds(s, d.resolve("copy.png")));
        assertEquals(Set.of(), kinds(s, d.resolve("textB.png")));
        assertEquals(Set.of("too-small", "extreme-aspect"), kinds(s, d.resolve("tiny.png")));
        assertEquals(Set.of("extreme-aspect"), kinds(s, d.resolve("strip.png")));
        assertEquals(Set.of("mixed-case-extension"), kinds(s, d.resolve("mixed.Jpg")));
        assertEquals(Set.of(), kinds(s, d.resolve("upper.JPG")), "kohya globs all-upper extensions too");
        assertEquals(Set.of("exif-rotated"), kinds(s, d.resolve("turned.jpg")));
        ImageEntry turned = s.image(d.resolve("turned.jpg")).orElseThrow();
        assertEquals(List.of(300, 400, 400, 300), List.of(turned.width(), turned.height(),
                turned.storedWidth(), turned.storedHeight()), "upright size for buckets, stored size kept");
        assertEquals(Set.of("multi-line-caption"), kinds(s, d.resolve("multi.txt")));
        assertEquals(Set.of("zero-byte-caption"), kinds(s, d.resolve("zero.txt")));
        assertEquals(Set.of("empty-caption"), kinds(s, d.resolve("blank.txt")));
        assertEquals(Set.of("caption-without-image"), kinds(s, d.resolve("orphan.txt")));
        assertEquals(Set.of("caption-bom"), kinds(s, d.resolve("bom.txt")));
        assertEquals(Set.of("empty-folder"), kinds(s, root.resolve("4_empty")));
        assertTrue(s.hasErrors(), "a zero-byte caption stops kohya");
    }

    @Test
    void faceCropNamesAndSharedCaptionsAsKohyaReadsThem() throws IOException {
        Path d = root.resolve("10_x");
        TestImages.write(d.resolve("face_1_2_3_4.png"), TestImages.png(200, 200));
        TestImages.write(d.resolve("face.txt"), "from the face-crop rule\n");
        TestImages.write(d.resolve("twin.png"), TestImages.png(200, 201));
        TestImages.write(d.resolve("twin.jpg"), TestImages.jpeg(200, 202));
        TestImages.write(d.resolve("twin.txt"), "twin, twin\n");
        DatasetScan s = scan(root);
        ImageEntry face = s.image(d.resolve("face_1_2_3_4.png")).orElseThrow();
        assertEquals(d.resolve("face.txt"), face.captionPath());
        assertEquals("from the face-crop rule", face.caption().text());
        assertEquals(Set.of("face-crop-caption"), kinds(s, face.path()));
        assertEquals(Set.of(), kinds(s, d.resolve("face.txt")), "read by an image, so not an orphan");
        assertEquals(Set.of("shared-caption"), kinds(s, d.resolve("twin.png")), "twin.jpg comes first by path");
        // kohya splits the whole path, folders included: /r/20_a_b/p_q_r.png also tries /r/20.txt
        assertEquals(Path.of("/r/20.txt"), DatasetScanner.faceCropCaption(Path.of("/r/20_a_b/p_q_r.png"), ".txt"));
        assertEquals(null, DatasetScanner.faceCropCaption(Path.of("/r/x/a_b_c_d.png"), ".txt"));
        // an edit touches the shared caption once, and the returned scan shows it on both images
        EditResult r = new TagEditor(root).apply(s, Selection.all(), new TagEdit.Dedupe());
        assertEquals(1, r.changes().size());
        assertEquals("twin", r.scan().image(d.resolve("twin.png")).orElseThrow().caption().text());
        assertEquals("twin", r.scan().image(d.resolve("twin.jpg")).orElseThrow().caption().text());
    }

    @Test
    void missingFolderAndFileInsteadOfFolder() throws IOException {
        DatasetScan missing = scan(root.resolve("nope"));
        assertEquals(DatasetScan.Layout.NONE, missing.layout());
        assertEquals(Set.of("missing-folder"), kinds(missing, root.resolve("nope")));
        Path file = TestImages.write(root.resolve("file.png"), TestImages.png(10, 10));
        assertEquals(Set.of("not-a-folder"), kinds(scan(file), file));
        assertTrue(scan(file).hasErrors());
    }

    @Test
    void badInputsAreOneLineFindingsAndTheScanCompletes() throws IOException {
        Path d = root.resolve("10_bad");
        byte[] jpg = TestImages.jpeg(300, 300);
        TestImages.write(d.resolve("cut.jpg"), Arrays.copyOf(jpg, jpg.length / 2));
        TestImages.write(d.resolve("liar.png"), TestImages.pngHeaderOnly(50000, 50000));
        TestImages.write(d.resolve("none.png"), TestImages.pngHeaderOnly(0, 0));
        TestImages.write(d.resolve("empty.webp"), new byte[0]);
        TestImages.write(d.resolve("good.webp"), TestImages.webpVp8(512, 768));
        TestImages.write(d.resolve("good.txt"), "狗, 猫".getBytes(Charset.forName("GBK")));
        Files.createSymbolicLink(d.resolve("loop.png"), d.resolve("loop.png"));
        Files.createSymbolicLink(d.resolve("dangling.png"), d.resolve("gone.png"));
        Files.createSymbolicLink(root.resolve("5_back"), root);
        Files.createSymbolicLink(root.resolve("6_self"), root.resolve("6_self"));
        DatasetScan s = scan(root);
        assertEquals(Set.of("truncated-image"), kinds(s, d.resolve("cut.jpg")));
        assertEquals(Set.of("png-lying-header"), kinds(s, d.resolve("liar.png")));
        assertEquals(1, kinds(s, d.resolve("none.png")).size());
        assertEquals(Set.of("zero-byte"), kinds(s, d.resolve("empty.webp")));
        assertEquals(Set.of("caption-not-utf8"), kinds(s, d.resolve("good.txt")));
        assertEquals(Set.of("symlink-loop"), kinds(s, d.resolve("loop.png")));
        assertEquals(Set.of("unreadable-image"), kinds(s, d.resolve("dangling.png")));
        assertEquals(Set.of("symlink-loop"), kinds(s, root.resolve("5_back")));
        assertEquals(Set.of("symlink-loop"), kinds(s, root.resolve("6_self")));
        assertEquals(List.of("good.webp"), s.folder("10_bad").orElseThrow().images().stream()
                .map(ImageEntry::fileName).toList(), "the one good image is still scanned");
        for (Finding f : s.findings()) {
            assertFalse(f.oneLine().contains("\n"), f.oneLine());
            assertTrue(f.oneLine().contains(f.file().toString()));
        }
        assertTrue(s.hasErrors());
    }

    @Test
    void permissionDenied() throws IOException {
        Path d = root.resolve("10_locked");
        Path img = TestImages.write(d.resolve("a.png"), TestImages.png(200, 200));
        TestImages.write(root.resolve("5_open/b.png"), TestImages.png(200, 200));
        Files.setPosixFilePermissions(img, java.nio.file.attribute.PosixFilePermissions.fromString("---------"));
        Path locked = Files.createDirectories(root.resolve("7_shut"));
        TestImages.write(locked.resolve("c.png"), TestImages.png(200, 200));
        Files.setPosixFilePermissions(locked, java.nio.file.attribute.PosixFilePermissions.fromString("---------"));
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(img),
                    "running as root: the file system grants every read, so permission errors cannot happen");
            DatasetScan s = scan(root);
            assertEquals(Set.of("permission-denied"), kinds(s, img));
            assertEquals(Set.of("permission-denied"), kinds(s, locked));
            assertEquals(1, s.folder("5_open").orElseThrow().images().size());
        } finally {
            Files.setPosixFilePermissions(locked, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aScanChangesNothingOnDisk() throws IOException {
        SampleDataset.generate(root.resolve("train"), 7);
        TestImages.write(root.resolve("train/12_dnl shape/gbk.txt"), "狗".getBytes(Charset.forName("GBK")));
        String before = DiskSnapshot.of(root);
        scan(root);
        scan(root);
        assertEquals(before, DiskSnapshot.of(root));
        assertFalse(Files.exists(root.resolve(".danlu")));
    }
}
