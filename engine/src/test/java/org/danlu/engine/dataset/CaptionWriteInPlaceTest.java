package org.danlu.engine.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an edit leaves of a caption file besides its text: the same file, mode and link, as an editor would. */
class CaptionWriteInPlaceTest {

    @TempDir
    Path root;

    @Test
    void anEditKeepsTheInodeTheModeAndASymlinkAndUndoToo() throws IOException {
        Path dir = Files.createDirectories(root.resolve("10_dog"));
        Path shared = Files.createDirectories(root.resolve("captions"));
        for (String n : new String[] {"a", "b", "c"}) {
            Files.write(dir.resolve(n + ".png"), TestImages.png(32, 32));
        }
        Path a = Files.writeString(dir.resolve("a.txt"), "dog, grass\n");
        Path b = Files.writeString(dir.resolve("b.txt"), "dog, grass, sky\n");
        Files.setPosixFilePermissions(b, PosixFilePermissions.fromString("rw-------"));
        Path target = Files.writeString(shared.resolve("c.txt"), "grass, dog\n");
        Path c = Files.createSymbolicLink(dir.resolve("c.txt"), target);
        Object inodeA = Files.getAttribute(a, "unix:ino");

        TagEditor editor = new TagEditor(root);
        EditResult r = editor.apply(new DatasetScanner().scan(root), Selection.all(), new TagEdit.Replace("grass", "lawn"));

        assertEquals(3, r.changes().size());
        assertEquals("dog, lawn\n", Files.readString(a));
        assertEquals(inodeA, Files.getAttribute(a, "unix:ino"), "overwritten in place, not replaced");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(b)));
        assertTrue(Files.isSymbolicLink(c), "the link is kept");
        assertEquals("lawn, dog\n", Files.readString(target), "the edit went through the link");

        editor.undo();
        assertEquals("dog, grass\n", Files.readString(a));
        assertEquals("dog, grass, sky\n", Files.readString(b), "the longer original comes back whole");
        assertEquals("grass, dog\n", Files.readString(target));
        assertTrue(Files.isSymbolicLink(c));
        assertEquals(inodeA, Files.getAttribute(a, "unix:ino", LinkOption.NOFOLLOW_LINKS));
    }
}
