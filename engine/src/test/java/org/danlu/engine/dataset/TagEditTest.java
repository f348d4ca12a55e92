package org.danlu.engine.dataset;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each edit on hand-written caption lines; expected lines are written out by hand. */
class TagEditTest {

    private static String run(TagEdit e, String line) {
        return e.apply(TagLine.parse(line), Map.of("b", 3, "c", 5, "a", 1)).render();
    }

    @Test
    void replaceTextWorksInsideTagsForSentenceCaptions() {
        TagLine line = TagLine.parse("a photo of a dog, sitting on grass ||| outdoors");
        TagEdit dogToCat = new TagEdit.ReplaceText("dog", "cat");
        assertEquals("a photo of a cat, sitting on grass ||| outdoors", dogToCat.apply(line, Map.of()).render());
        assertEquals("a photo of a dog on grass ||| outdoors",
                new TagEdit.ReplaceText(", sitting", "").apply(line, Map.of()).render(), "tags merge when a comma goes");
        assertEquals("a photo of a dog, sitting, on grass ||| outdoors",
                new TagEdit.ReplaceText("sitting ", "sitting, ").apply(line, Map.of()).render(), "a comma splits a tag");
        assertEquals("a photo of a dog ||| outdoors",
                new TagEdit.ReplaceText("sitting on grass", "").apply(line, Map.of()).render(), "an emptied tag goes");
        assertSame(line, new TagEdit.ReplaceText("horse", "cow").apply(line, Map.of()), "no match: the line as it was");
        assertThrows(IllegalArgumentException.class, () -> new TagEdit.ReplaceText("", "x"));
    }

    @Test
    void add() {
        assertEquals("x, a, b", run(new TagEdit.Add("x", TagEdit.Position.FRONT, 0), "a, b"));
        assertEquals("a, b, x", run(new TagEdit.Add("x", TagEdit.Position.BACK, 0), "a, b"));
        assertEquals("a, x, b, c", run(new TagEdit.Add("x", TagEdit.Position.AFTER_KEEP, 1), "a, b, c"));
        assertEquals("a, b, x", run(new TagEdit.Add("x", TagEdit.Position.AFTER_KEEP, 9), "a, b"));
        assertEquals("a, b", run(new TagEdit.Add("a", TagEdit.Position.FRONT, 0), "a, b"), "no second copy");
        assertEquals("x", run(new TagEdit.Add("x", TagEdit.Position.BACK, 0), ""));
    }

    @Test
    void remove() {
        assertEquals("a, c", run(new TagEdit.Remove("b"), "a, b, c, b"));
        assertEquals("a ||| c", run(new TagEdit.Remove("b"), "a ||| b, c"));
        assertEquals("", run(new TagEdit.Remove("a"), "a"));
    }

    @Test
    void replaceKeepsPositionAndAvoidsASecondCopy() {
        assertEquals("a, z, c", run(new TagEdit.Replace("b", "z"), "a, b, c"));
        assertEquals("z, a", run(new TagEdit.Replace("b", "z"), "z, a, b"));
        assertEquals("a, c", run(new TagEdit.Replace("b", ""), "a, b, c"), "replacing with nothing removes");
    }

    @Test
    void moveToFront() {
        assertEquals("c, a, b", run(new TagEdit.MoveToFront("c"), "a, b, c"));
        assertEquals("a, b", run(new TagEdit.MoveToFront("x"), "a, b"));
    }

    @Test
    void sortKeepsTheFirstNAndSortsEachKeepPartAlone() {
        assertEquals("a, b, c", run(new TagEdit.Sort(TagEdit.Order.ALPHABETICAL, 0), "c, a, b"));
        assertEquals("c, a, b", run(new TagEdit.Sort(TagEdit.Order.ALPHABETICAL, 1), "c, b, a"));
        // frequency: c (5 images) before b (3) before a (1); unknown tags last, alphabetical
        assertEquals("c, b, a, d", run(new TagEdit.Sort(TagEdit.Order.FREQUENCY, 0), "d, a, b, c"));
        assertEquals("z, y ||| a, b", run(new TagEdit.Sort(TagEdit.Order.ALPHABETICAL, 0), "z, y ||| b, a"), "the fixed part stays");
        assertEquals("z ||| a, b ||| c, d", run(new TagEdit.Sort(TagEdit.Order.ALPHABETICAL, 0), "z ||| b, a ||| d, c"));
    }

    @Test
    void dedupe() {
        assertEquals("a, b, c", run(new TagEdit.Dedupe(), "a, b, a, c, b"));
        TagLine clean = TagLine.parse("a, b");
        assertSame(clean, new TagEdit.Dedupe().apply(clean, Map.of()));
    }

    @Test
    void normalize() {
        assertEquals("long hair, blue  eyes".replace("  ", " "),
                run(new TagEdit.Normalize(false, false), "  long hair ,blue   eyes,, "));
        assertEquals("long hair, ^_^", run(new TagEdit.Normalize(true, false), "long_hair, ^_^"));
        assertEquals("red hair ||| sky", run(new TagEdit.Normalize(true, true), "Red_Hair|||Sky"));
    }
}
