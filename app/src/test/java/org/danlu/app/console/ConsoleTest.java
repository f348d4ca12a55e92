package org.danlu.app.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.danlu.app.tui.screen.TestDataset;
import org.danlu.engine.dataset.TagEdit;
import org.jline.reader.Candidate;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command language and the line console on real caption files. */
class ConsoleTest {
    @TempDir
    Path dir;

    private String caption(String stem) throws Exception {
        return Files.readString(dir.resolve("train/10_shs dog/" + stem + ".txt"), StandardCharsets.UTF_8);
    }

    @Test
    void parsesQuotedTagsAndOptions() {
        assertEquals(new TagCommand.Edit(new TagEdit.Replace("long hair", "very long hair"), false),
                TagCommand.parse("replace \"long hair\" 'very long hair'"));
        assertEquals(new TagCommand.Edit(new TagEdit.Add("shs", TagEdit.Position.FRONT, 0), true),
                TagCommand.parse("add shs --front --all"));
        assertEquals(new TagCommand.Edit(new TagEdit.Add("x", TagEdit.Position.AFTER_KEEP, 2), false),
                TagCommand.parse("add x --after 2"));
        assertEquals(new TagCommand.Edit(new TagEdit.Sort(TagEdit.Order.FREQUENCY, 1), false),
                TagCommand.parse("sort freq --keep 1"));
        assertEquals(new TagCommand.Undo(), TagCommand.parse("undo"));
        assertEquals(List.of("a b", "c\"d"), TagCommand.split("\"a b\" c\\\"d"));
        var e = assertThrows(IllegalArgumentException.class, () -> TagCommand.parse("frobnicate"));
        assertTrue(e.getMessage().contains("replace"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TagCommand.parse("replace \"open"));
    }

    @Test
    void sessionEditsListsAndUndoesToTheSameBytes() throws Exception {
        TestDataset.basic(dir);
        byte[] red = Files.readAllBytes(dir.resolve("train/10_shs dog/red.txt"));
        ConsoleSession s = new ConsoleSession(dir);
        assertEquals(List.of("replace smile with grin: 2 files changed (undo: undo)"), s.execute("replace smile grin"));
        assertEquals("shs dog, grin, grass", caption("red"));
        assertEquals(2, s.frequency().get("grin"));
        assertEquals("undo replace smile with grin: 2 files", s.execute("undo").get(0));
        assertArrayEquals(red, Files.readAllBytes(dir.resolve("train/10_shs dog/red.txt")));
        List<String> listed = s.execute("list tag:sitting");
        assertEquals("10_shs dog/blue.png: shs dog, sitting, grass", listed.get(0));
        assertTrue(listed.get(1).startsWith("1 images"), listed.toString());
        // After a filtered list, edits cover only the listed images.
        s.execute("add outdoors");
        assertEquals("shs dog, sitting, grass, outdoors", caption("blue"));
        assertEquals("shs dog, smile, grass", caption("red"));
        assertTrue(s.execute("remove").get(0).startsWith("error: usage: remove TAG"));
    }

    @Test
    void subReplacesTextInsideTags() throws Exception {
        TestDataset.basic(dir);
        Path folder = dir.resolve("train/10_shs dog");
        ConsoleSession s = new ConsoleSession(dir);
        assertTrue(s.execute("sub dog").get(0).startsWith("error: usage: sub OLD NEW"));
        assertTrue(s.execute("sub \"shs dog\" \"shs puppy\"").get(0).endsWith(": 3 files changed (undo: undo)"));
        assertEquals("shs puppy, smile, grass", Files.readString(folder.resolve("red.txt")).strip());
        s.execute("sub \", grass\" \"\"");
        assertEquals("shs puppy, smile", Files.readString(folder.resolve("red.txt")).strip());
    }

    @Test
    void captionCreatesTheMissingCaptionsOnly() throws Exception {
        TestDataset.basic(dir);
        Path folder = dir.resolve("train/10_shs dog");
        TestDataset.png(folder.resolve("green.png"), 32, 32, java.awt.Color.GREEN);
        ConsoleSession s = new ConsoleSession(dir);
        assertTrue(s.execute("caption shs dog").get(0).startsWith("error: usage: caption TEXT"), "unquoted text with spaces");
        assertTrue(s.execute("caption \"shs dog, fresh\"").get(0).endsWith(": 1 files changed (undo: undo)"));
        assertEquals("shs dog, fresh", Files.readString(folder.resolve("green.txt")).strip());
        assertEquals("shs dog, smile, grass", Files.readString(folder.resolve("red.txt")).strip());
        s.execute("undo");
        assertFalse(Files.exists(folder.resolve("green.txt")));
    }

    @Test
    void excludeSetsTheListedImagesAsideAndRestoreBringsThemBack() throws Exception {
        TestDataset.basic(dir);
        Path folder = dir.resolve("train/10_shs dog");
        byte[] red = Files.readAllBytes(folder.resolve("red.png"));
        ConsoleSession s = new ConsoleSession(dir);
        assertTrue(s.execute("exclude").get(0).startsWith("error: exclude sets aside the images of the last list"),
                "never the whole dataset without --all");
        s.execute("list tag:smile");
        assertEquals("set aside: 2 images, 2 captions (in .excluded in their folders; restore brings them back)",
                s.execute("exclude").get(0));
        assertEquals(1, s.scan().imageCount());
        assertTrue(Files.exists(folder.resolve(".excluded/red.png")) && Files.exists(folder.resolve(".excluded/red.txt")));
        assertEquals("brought back: 2 images, 2 captions", s.execute("restore").get(0));
        assertEquals(3, s.scan().imageCount());
        assertArrayEquals(red, Files.readAllBytes(folder.resolve("red.png")));
    }

    @Test
    void completionOffersCommandsFirstThenTagsQuotedWhenTheyHaveSpaces() throws Exception {
        // The JLine loop itself runs in real tmux (StudioTmuxTest); here the completer alone.
        TestDataset.basic(dir);
        ConsoleSession s = new ConsoleSession(dir);
        List<Candidate> cands = new ArrayList<>();
        LineConsole.completer(s).complete(null, new DefaultParser().parse("remove ", 7), cands);
        List<String> values = cands.stream().map(Candidate::value).toList();
        assertTrue(values.contains("\"shs dog\"") && values.contains("猫耳") && values.contains("grass"), values.toString());
        cands.clear();
        LineConsole.completer(s).complete(null, new DefaultParser().parse("re", 2), cands);
        assertTrue(cands.stream().map(Candidate::value).toList().containsAll(List.of("replace", "remove", "redo")));
    }
}
