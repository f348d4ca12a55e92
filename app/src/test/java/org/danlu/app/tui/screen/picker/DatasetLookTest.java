package org.danlu.app.tui.screen.picker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a folder is judged from names alone, on real folders; the files are empty (never decoded). */
class DatasetLookTest {
    @TempDir
    Path dir;

    private Path touch(String relative) throws Exception {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.createFile(p);
    }

    @Test
    void kohyaFoldersAreCountedByImageExtensionInAnyCase() throws Exception {
        touch("set/10_cat/a.png");
        touch("set/10_cat/b.JPG");
        touch("set/10_cat/c.webp");
        touch("set/10_cat/a.txt");
        touch("set/10_cat/.d.png");
        touch("set/2_dog cute/e.jpeg");
        touch("set/notes/f.png"); // not N_name: kohya ignores it, so do we
        touch("set/0_zero/g.png"); // 0 repeats: kohya skips it
        assertEquals(new DatasetLook(DatasetLook.Kind.FOLDERS, 2, 4, false), DatasetLook.of(dir.resolve("set"), () -> false));
    }

    @Test
    void trainAndRegAreOneDatasetAndTrainWithoutSubsetsIsNot() throws Exception {
        touch("tr/train/5_a/1.png");
        touch("tr/reg/1_b/2.png");
        touch("tr/reg/1_b/3.bmp");
        assertEquals(new DatasetLook(DatasetLook.Kind.TRAIN_REG, 2, 3, false), DatasetLook.of(dir.resolve("tr"), () -> false));
        touch("bare/train/loose.png");
        assertEquals(DatasetLook.NONE, DatasetLook.of(dir.resolve("bare"), () -> false));
        assertEquals(DatasetLook.NONE, DatasetLook.of(dir.resolve("nowhere"), () -> false), "a missing folder is no dataset");
    }

    @Test
    void theNameBudgetCapsTheCountAndSaysSo() throws Exception {
        for (int i = 0; i < 20; i++) {
            touch("big/10_x/" + i + ".png");
        }
        touch("big/3_y/z.png");
        // Budget 12: 2 names listing big/, then 10 of the 10_x names (or 1 of 3_y, then 9 of 10_x):
        // either way the count stops below 21 and is marked as a lower bound.
        DatasetLook look = DatasetLook.of(dir.resolve("big"), 12, () -> false);
        assertEquals(DatasetLook.Kind.FOLDERS, look.kind());
        assertEquals(2, look.subsets());
        assertEquals(true, look.capped());
        assertEquals(10, look.images());
        assertEquals(new DatasetLook(DatasetLook.Kind.FOLDERS, 2, 21, false), DatasetLook.of(dir.resolve("big"), () -> false));
    }

    @Test
    void cancelledWorkStops() throws Exception {
        touch("c/10_x/a.png");
        DatasetLook look = DatasetLook.of(dir.resolve("c"), () -> true);
        assertEquals(new DatasetLook(DatasetLook.Kind.FOLDERS, 1, 0, true), look);
        for (int i = 0; i < 300; i++) {
            Files.createDirectories(dir.resolve("many").resolve("d" + i));
        }
        assertThrows(CancellationException.class, () -> SubFolders.of(dir.resolve("many"), () -> true));
        List<Path> all = SubFolders.of(dir.resolve("many"), () -> false);
        assertEquals(300, all.size());
        assertEquals("d0", all.get(0).getFileName().toString());
        assertEquals("d99", all.get(299).getFileName().toString(), "by name, as text");
    }
}
