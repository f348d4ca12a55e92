package org.danlu.engine.model.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.danlu.engine.model.clip.PromptAttention.Run;
import org.junit.jupiter.api.Test;

/**
 * The A1111 attention parser. The first test's cases are the published doctest examples of
 * {@code parse_prompt_attention} (AUTOMATIC1111 stable-diffusion-webui {@code modules/prompt_parser.py}, copied
 * verbatim into kohya-ss sd-scripts {@code library/strategy_base.py} and {@code library/custom_train_functions.py}),
 * with their printed weights as exact doubles; the others are worked by hand.
 */
class PromptAttentionTest {

    @Test
    void publishedA1111Examples() {
        assertEquals(List.of(new Run("normal text", 1.0)), PromptAttention.parse("normal text"));
        assertEquals(List.of(new Run("an ", 1.0), new Run("important", 1.1), new Run(" word", 1.0)),
                PromptAttention.parse("an (important) word"));
        assertEquals(List.of(new Run("unbalanced", 1.1)), PromptAttention.parse("(unbalanced"));
        assertEquals(List.of(new Run("(literal]", 1.0)), PromptAttention.parse("\\(literal\\]"));
        assertEquals(List.of(new Run("unnecessaryparens", 1.1)), PromptAttention.parse("(unnecessary)(parens)"));
        assertEquals(List.of(
                        new Run("a ", 1.0),
                        new Run("house", 1.5730000000000004),
                        new Run(" ", 1.1),
                        new Run("on", 1.0),
                        new Run(" a ", 1.1),
                        new Run("hill", 0.55),
                        new Run(", sun, ", 1.1),
                        new Run("sky", 1.4641000000000006),
                        new Run(".", 1.1)),
                PromptAttention.parse("a (((house:1.3)) [on] a (hill:0.5), sun, (((sky)))."));
    }

    @Test
    void squareBracketsDivideAndNestingMultiplies() {
        // [x] = 1 × (1/1.1) = 0.9090909090909091; [[x]] = that × (1/1.1) again.
        assertEquals(List.of(new Run("a", 1 / 1.1)), PromptAttention.parse("[a]"));
        assertEquals(List.of(new Run("a", (1 / 1.1) * (1 / 1.1))), PromptAttention.parse("[[a]]"));
        // ((a)) = 1.1 × 1.1 = 1.2100000000000002 in doubles, not 1.21.
        assertEquals(List.of(new Run("a", 1.1 * 1.1)), PromptAttention.parse("((a))"));
        // (a:1.5) inside (…) → 1.5 then × 1.1 when the outer bracket closes.
        assertEquals(List.of(new Run("x ", 1.1), new Run("a", 1.5 * 1.1)), PromptAttention.parse("(x (a:1.5))"));
        // Open brackets close at the end: every "(" (× 1.1) and then every "[" (× 1/1.1). In "a(b[c", b is under
        // "(" only (1.1) and c under both: 1.1 × (1/1.1), exactly 1.0 in doubles (as "on" in the published example).
        assertEquals(List.of(new Run("a", 1.0), new Run("b", 1.1), new Run("c", 1.0)), PromptAttention.parse("a(b[c"));
        // ... so in "a[(b" b also comes back to exactly 1.0 and merges with "a".
        assertEquals(List.of(new Run("ab", 1.0)), PromptAttention.parse("a[(b"));
    }

    @Test
    void escapesAndStrayCharactersAreText() {
        // "\\" is one literal backslash; a backslash before anything else is dropped (kohya keeps text[1:] of "\").
        assertEquals(List.of(new Run("a\\b", 1.0)), PromptAttention.parse("a\\\\b"));
        assertEquals(List.of(new Run("ab", 1.0)), PromptAttention.parse("a\\b"));
        // A weight with no "(" open, a lone ":", and closing brackets with nothing open stay text.
        assertEquals(List.of(new Run("cat:1.3) x:y ])", 1.0)), PromptAttention.parse("cat:1.3) x:y ])"));
        // ":1.3)" closes the nearest "(" whatever follows; a leading "+" and a bare ".5" are numbers to Python.
        assertEquals(List.of(new Run("a", 1.3), new Run("b", 0.5)), PromptAttention.parse("(a:+1.3)(b:.5)"));
    }

    @Test
    void emptyCaptionIsOneEmptyRun() {
        assertEquals(List.of(new Run("", 1.0)), PromptAttention.parse(""));
        assertEquals(List.of(new Run("", 1.0)), PromptAttention.parse("()"), "the bracket has no runs to weigh");
    }

    @Test
    void aWeightThatIsNotANumberNamesItself() {
        PromptAttention.SyntaxError e = assertThrows(PromptAttention.SyntaxError.class,
                () -> PromptAttention.parse("a, (b:1.2.3)"));
        assertTrue(e.getMessage().contains(":1.2.3)") && e.getMessage().contains("character 6"), e.getMessage());
    }
}
