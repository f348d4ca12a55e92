package org.danlu.engine.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptionFileTest {

    @TempDir
    Path dir;

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private static byte[] cat(byte[] a, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static List<byte[]> awkwardCaptions() {
        List<byte[]> c = new ArrayList<>();
        c.add("1girl, solo, long hair\n".getBytes(StandardCharsets.UTF_8));
        c.add("1girl,solo ,  long hair".getBytes(StandardCharsets.UTF_8)); // no trailing newline
        c.add("shs dog, (red collar:1.2), hatsune miku \\(vocaloid\\)\r\n".getBytes(StandardCharsets.UTF_8));
        c.add(cat(BOM, "shs dog ||| grass, sky,\r\n"));
        c.add("  a photo of a dog on the grass.  \n\nsecond line\n".getBytes(StandardCharsets.UTF_8));
        c.add("a,,b, ,c,\r".getBytes(StandardCharsets.UTF_8));
        c.add("(unbalanced, tag, [x\n".getBytes(StandardCharsets.UTF_8));
        c.add("\u3000全角 space, 狗, 猫\u00a0\n".getBytes(StandardCharsets.UTF_8));
        c.add(new byte[0]);
        c.add("\n".getBytes(StandardCharsets.UTF_8));
        c.add("狗, 猫".getBytes(Charset.forName("GBK")));
        return c;
    }

    @Test
    void unchangedCaptionsAreWrittenBackByteForByte() throws Exception {
        for (byte[] bytes : awkwardCaptions()) {
            Path p = Files.write(dir.resolve("c.txt"), bytes);
            CaptionFile c = CaptionFile.read(p);
            assertArrayEquals(bytes, c.bytes());
            if (c.validUtf8()) {
                // Re-building the line from its parsed tags gives the same line, hence the same bytes.
                CaptionFile same = c.withTagLine(c.tagLine().withItems(new ArrayList<>(c.tagLine().items())));
                assertSame(c, same);
                assertEquals(c.tagLine().render(), TagLine.parse(c.tagLine().render()).render());
            }
            assertArrayEquals(bytes, Files.readAllBytes(p));
        }
    }

    @Test
    void tagsKeepWeightsEscapesAndKeepSeparator() {
        TagLine l = TagLine.parse("shs dog, (red collar, blue:1.2), miku \\(vocaloid\\) ||| grass,  sky ,");
        assertEquals(List.of("shs dog", "(red collar, blue:1.2)", "miku \\(vocaloid\\)", TagLine.KEEP, "grass", "sky"),
                l.items());
        assertEquals(List.of("shs dog", "(red collar, blue:1.2)", "miku \\(vocaloid\\)", "grass", "sky"), l.tags());
        assertEquals("", l.lead());
        assertEquals(" ,", l.trail());
        // kohya splits on every comma when brackets don't balance; so do we.
        assertEquals(List.of("(a", "b"), TagLine.parse("(a, b").tags());
    }

    @Test
    void anEditChangesOnlyTheFirstLineAndKeepsBomCrlfAndTheRest() throws Exception {
        byte[] bytes = cat(BOM, "a, b, c\r\nsecond, line\r\n");
        CaptionFile c = CaptionFile.of(dir.resolve("x.txt"), bytes);
        assertTrue(c.hasBom());
        assertTrue(c.multiLine());
        assertEquals(List.of("a, b, c", "second, line"), c.lines(), "wildcard alternatives, BOM not included");
        CaptionFile e = c.withTagLine(new TagEdit.Remove("b").apply(c.tagLine(), java.util.Map.of()));
        assertArrayEquals(cat(BOM, "a, c\r\nsecond, line\r\n"), e.bytes());
        assertEquals(List.of("a", "c"), e.tags());
    }

    @Test
    void editsUseTheSeparatorTheCaptionAlreadyUses() {
        TagLine l = TagLine.parse("a,b,c");
        assertEquals("x,a,b,c", new TagEdit.Add("x", TagEdit.Position.FRONT, 0).apply(l, java.util.Map.of()).render());
        TagLine k = TagLine.parse("trigger ||| b, c");
        assertEquals("trigger ||| b, c",
                new TagEdit.Sort(TagEdit.Order.ALPHABETICAL, 0).apply(TagLine.parse("trigger ||| c, b"), java.util.Map.of())
                        .render());
        assertEquals("trigger ||| new, b, c",
                new TagEdit.Add("new", TagEdit.Position.AFTER_KEEP, 1).apply(k, java.util.Map.of()).render());
    }

    @Test
    void gbkIsNotUtf8AndCannotBeEdited() {
        CaptionFile c = CaptionFile.of(dir.resolve("g.txt"), "狗, 猫".getBytes(Charset.forName("GBK")));
        assertFalse(c.validUtf8());
        assertEquals(List.of(), c.tags());
    }

    @Test
    void zeroByteAndBlankCaptions() {
        assertTrue(CaptionFile.of(dir.resolve("z.txt"), new byte[0]).zeroBytes());
        CaptionFile blank = CaptionFile.of(dir.resolve("n.txt"), "\n".getBytes(StandardCharsets.UTF_8));
        assertFalse(blank.zeroBytes());
        assertEquals("", blank.text());
        assertFalse(blank.multiLine());
    }
}
