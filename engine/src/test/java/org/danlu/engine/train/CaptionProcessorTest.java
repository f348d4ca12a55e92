package org.danlu.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** kohya's process_caption, step by step (kohya-compat.md §2), with scripted random draws worked by hand. */
class CaptionProcessorTest {

    private static final CaptionTime EPOCH1 = new CaptionTime(1, 100, 1000);

    @Test
    void withoutTagOptionsTheTextIsUntouched() {
        ScriptedRandom rng = new ScriptedRandom();
        assertEquals("a,b ,  c", CaptionProcessor.process("a,b ,  c\nsecond line", CaptionSettings.defaults(), EPOCH1, rng));
    }

    @Test
    void shuffleKeepsTheFirstKeepTokensAndMovesTheRestAsPythonShuffle() {
        // flex = [c, d, e]; Python shuffle: i=2 draws j=0 → [e, d, c]; i=1 draws j=0 → [d, e, c].
        ScriptedRandom rng = new ScriptedRandom().thenInts(0, 0);
        CaptionSettings s = CaptionSettings.defaults().withShuffle(true, 2);
        assertEquals("a, b, d, e, c", CaptionProcessor.process(" a,b,  c , d,e ", s, EPOCH1, rng));
        assertTrue(rng.exhausted());
    }

    @Test
    void trailingSeparatorGivesAnEmptyTagThatShuffles() {
        // (quirk) "a, b," → tags [a, b, ""]; i=2 draws j=0 → ["", b, a]; i=1 draws j=1 → unchanged.
        ScriptedRandom rng = new ScriptedRandom().thenInts(0, 1);
        CaptionSettings s = CaptionSettings.defaults().withShuffle(true, 0);
        assertEquals(", b, a", CaptionProcessor.process("a, b,", s, EPOCH1, rng));
    }

    @Test
    void keepTokensSeparatorSplitsFixedFlexAndSuffix() {
        // fixed [a, b], flex [c, d], fixed suffix [e, f]; the one shuffle draw (i=1, j=0) swaps c and d.
        ScriptedRandom rng = new ScriptedRandom().thenInts(0);
        CaptionSettings s = CaptionSettings.defaults().withShuffle(true, 5).withSeparators(",", "|||", null);
        assertEquals("a, b, d, c, e, f", CaptionProcessor.process("a, b,||| c, d, ||| e, f", s, EPOCH1, rng));
    }

    @Test
    void prefixAndSuffixJoinTheCaptionBeforeShuffling() {
        // keep_tokens 1 keeps the prefix first. Caption "x, y" with prefix "sks," and suffix ", z": "sks, x, y , z" → [sks | x, y, z];
        // shuffle draws i=2 → j=0 ([z, y, x]), i=1 → j=1 (unchanged).
        ScriptedRandom rng = new ScriptedRandom().thenInts(0, 1);
        CaptionSettings s = CaptionSettings.defaults().withShuffle(true, 1).withAffixes("sks,", ", z");
        assertEquals("sks, z, y, x", CaptionProcessor.process("x, y", s, EPOCH1, rng));
        assertEquals("sks, x, y , z",
                CaptionProcessor.process("x, y", CaptionSettings.defaults().withAffixes("sks,", ", z"), EPOCH1, rng));
    }

    @Test
    void wholeCaptionDropoutByRateAndByEpoch() {
        CaptionSettings rate = CaptionSettings.defaults().withDropout(0.1, 0, 0);
        assertEquals("", CaptionProcessor.process("a, b", rate, EPOCH1, new ScriptedRandom().thenDoubles(0.05)));
        assertEquals("a, b", CaptionProcessor.process("a, b", rate, EPOCH1, new ScriptedRandom().thenDoubles(0.1)));
        CaptionSettings everyTwo = CaptionSettings.defaults().withDropout(0, 2, 0);
        // No draw at all: the epoch rule needs no random number.
        assertEquals("", CaptionProcessor.process("a, b", everyTwo, new CaptionTime(2, 5, 10), new ScriptedRandom()));
        assertEquals("a, b", CaptionProcessor.process("a, b", everyTwo, new CaptionTime(3, 5, 10), new ScriptedRandom()));
    }

    @Test
    void tagDropoutKeepsATagWhenTheDrawIsAtLeastTheRate() {
        // fixed [a]; flex [b, c, d] with draws 0.7 (keep), 0.2 (drop), 0.5 (keep: ≥ rate).
        CaptionSettings s = CaptionSettings.defaults().withShuffle(false, 1).withDropout(0, 0, 0.5);
        ScriptedRandom rng = new ScriptedRandom().thenDoubles(0.7, 0.2, 0.5);
        assertEquals("a, b, d", CaptionProcessor.process("a, b, c, d", s, EPOCH1, rng));
        assertTrue(rng.exhausted());
    }

    @Test
    void shuffleHappensBeforeTagDropout() {
        // flex [b, c]: shuffle i=1 draws j=0 → [c, b]; dropout draws 0.1 (drop c), 0.9 (keep b).
        CaptionSettings s = CaptionSettings.defaults().withShuffle(true, 1).withDropout(0, 0, 0.5);
        ScriptedRandom rng = new ScriptedRandom().thenInts(0).thenDoubles(0.1, 0.9);
        assertEquals("a, b", CaptionProcessor.process("a, b, c", s, EPOCH1, rng));
    }

    @Test
    void secondarySeparatorIsReplacedAfterShuffling() {
        // "x;;;y" moves as one tag: flex [x;;;y, z], draw j=0 swaps → "z, x;;;y" → "z, x,y".
        CaptionSettings s = CaptionSettings.defaults().withShuffle(true, 0).withSeparators(",", "", ";;;");
        assertEquals("z, x,y", CaptionProcessor.process("x;;;y, z", s, EPOCH1, new ScriptedRandom().thenInts(0)));
    }

    @Test
    void wildcardsPickALineAndOneAlternativePerGroup() {
        CaptionSettings s = CaptionSettings.defaults().withWildcard(true);
        // Line 1 of 2 chosen, then group {red|blue} takes index 1, group {a|b|c} index 2; {{x}} stays literal.
        ScriptedRandom rng = new ScriptedRandom().thenInts(1, 1, 2);
        assertEquals("blue car, c, {x}", CaptionProcessor.process("first\n{red|blue} car, {a|b|c}, {{x}}", s, EPOCH1, rng));
        assertTrue(rng.exhausted());
    }

    @Test
    void tokenWarmupKeepsTheLeadingFlexTags() {
        // 5 flex tags, min 1, warm-up 10 steps, step 4: floor(4·(5−1)/10) + 1 = 2 tags.
        CaptionSettings s = CaptionSettings.defaults().withTokenWarmup(1, 10);
        assertEquals("a, b", CaptionProcessor.process("a, b, c, d, e", s, new CaptionTime(1, 4, 100), new ScriptedRandom()));
        // A fraction: 0.1 × 100 steps = 10, the same.
        CaptionSettings frac = CaptionSettings.defaults().withTokenWarmup(1, 0.1);
        assertEquals("a, b", CaptionProcessor.process("a, b, c, d, e", frac, new CaptionTime(1, 4, 100), new ScriptedRandom()));
        assertEquals("a, b, c, d, e", CaptionProcessor.process("a, b, c, d, e", s, new CaptionTime(1, 10, 100), new ScriptedRandom()));
    }

    @Test
    void pythonStripRemovesNoBreakAndIdeographicSpaces() {
        CaptionSettings s = CaptionSettings.defaults().withShuffle(true, 0);
        assertEquals("b, a", CaptionProcessor.process("\u00a0a,\u3000b\u3000", s, EPOCH1, new ScriptedRandom().thenInts(0)));
    }

    @Test
    void classTokensStandInForAMissingCaptionFile() {
        assertEquals("shs dog", CaptionProcessor.baseCaption(null, "shs dog"));
        assertEquals("", CaptionProcessor.baseCaption(null, null));
        assertEquals("own words", CaptionProcessor.baseCaption("own words", "shs dog")); // never prepended
    }

    @Test
    void aSeededRandomGivesTheSameSequenceAndDifferentEpochsDiffer() {
        CaptionSettings s = CaptionSettings.defaults().withShuffle(true, 1);
        String caption = "sks, a, b, c, d, e, f, g";
        Random r1 = new Random(42);
        Random r2 = new Random(42);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            String one = CaptionProcessor.process(caption, s, EPOCH1, r1);
            assertEquals(one, CaptionProcessor.process(caption, s, EPOCH1, r2));
            assertTrue(one.startsWith("sks, "), one);
            seen.add(one);
        }
        assertNotEquals(1, seen.size());
        // The TUI preview: the same function, epoch 1.
        assertEquals(CaptionProcessor.process(caption, s, EPOCH1, new Random(5)), CaptionProcessor.preview(caption, s, new Random(5)));
    }
}
