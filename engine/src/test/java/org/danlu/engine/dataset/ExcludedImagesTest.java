package org.danlu.engine.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Setting images aside from training and bringing them back, on real files. */
class ExcludedImagesTest {

    @TempDir
    Path root;

    private List<String> names(DatasetScan s) {
        return s.images().stream().map(ImageEntry::fileName).sorted().toList();
    }

    @Test
    void imagesGoAsideWithTheirOwnCaptionsAndComeBackByteForByte() throws IOException {
        Path dir = Files.createDirectories(root.resolve("10_dog"));
        byte[] a = TestImages.png(40, 30);
        TestImages.write(dir.resolve("a.png"), a);
        TestImages.write(dir.resolve("a.txt"), "dog, grass\n");
        TestImages.write(dir.resolve("b.png"), TestImages.png(30, 40));
        TestImages.write(dir.resolve("b.txt"), "dog, sky\n");
        TestImages.write(dir.resolve("c.png"), TestImages.png(32, 32));
        TestImages.write(dir.resolve("c.jpg"), TestImages.jpeg(32, 32));
        TestImages.write(dir.resolve("c.txt"), "dog, shared\n");
        DatasetScan scan = new DatasetScanner().scan(root);

        ExcludedImages.Result r = ExcludedImages.exclude(scan, Selection.images(List.of(dir.resolve("a.png"), dir.resolve("c.png"))));

        assertEquals(2, r.images());
        assertEquals(1, r.captions(), "c.txt stays: c.jpg still trains with it");
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        assertTrue(Files.exists(dir.resolve(".excluded/a.png")) && Files.exists(dir.resolve(".excluded/a.txt")));
        assertTrue(Files.exists(dir.resolve("c.txt")));
        DatasetScan after = new DatasetScanner().scan(root);
        assertEquals(List.of("b.png", "c.jpg"), names(after), "kohya and the scan no longer see them");
        assertTrue(after.findings().stream().anyMatch(f -> f.kind().equals("set-aside")), after.findings().toString());
        assertEquals(2, after.folders().get(0).setAside(), "counted by name in .excluded");

        ExcludedImages.Result back = ExcludedImages.restore(after);
        assertEquals(2, back.images());
        assertEquals(1, back.captions());
        assertArrayEquals(a, Files.readAllBytes(dir.resolve("a.png")));
        assertEquals("dog, grass\n", Files.readString(dir.resolve("a.txt")));
        assertFalse(Files.exists(dir.resolve(".excluded")), "the emptied folder is removed");
        assertEquals(List.of("a.png", "b.png", "c.jpg", "c.png"), names(new DatasetScanner().scan(root)));
    }

    @Test
    void aTakenNameIsNeverReplaced() throws IOException {
        Path dir = Files.createDirectories(root.resolve("10_dog"));
        TestImages.write(dir.resolve("a.png"), TestImages.png(40, 30));
        byte[] older = TestImages.png(20, 20);
        TestImages.write(dir.resolve(".excluded/a.png"), older); // set aside before, under the same name

        ExcludedImages.Result r = ExcludedImages.exclude(new DatasetScanner().scan(root), Selection.all());
        assertEquals(0, r.images());
        assertEquals("name-taken", r.problems().get(0).kind());
        assertTrue(Files.exists(dir.resolve("a.png")), "left where it is");
        assertArrayEquals(older, Files.readAllBytes(dir.resolve(".excluded/a.png")));

        ExcludedImages.Result back = ExcludedImages.restore(new DatasetScanner().scan(root));
        assertEquals(0, back.images());
        assertEquals("name-taken", back.problems().get(0).kind());
        assertArrayEquals(older, Files.readAllBytes(dir.resolve(".excluded/a.png")), "the folder keeps what could not go back");
    }
}
