package org.danlu.engine.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Cases from kohya-compat §1.1, each with the meaning sd-scripts gives it. */
class FolderNameTest {

    private static FolderName parse(String n) {
        return FolderName.parse(n).orElseThrow(() -> new AssertionError(n + " should parse"));
    }

    @Test
    void repeatsAndClassTokens() {
        assertEquals(new FolderName("20_shs dog", 20, "shs dog"), parse("20_shs dog"));
        assertEquals(new FolderName("20_shs_dog", 20, "shs_dog"), parse("20_shs_dog"), "rest re-joined with _");
        assertEquals(new FolderName("20", 20, ""), parse("20"), "no underscore: empty class tokens");
        assertEquals(7, parse(" 7 _x").repeats(), "Python int() strips whitespace");
        assertEquals(3, parse("+3_x").repeats(), "and accepts a sign");
    }

    @Test
    void identifierAndClass() {
        FolderName f = parse("20_shs dog");
        assertEquals("shs", f.identifier());
        assertEquals("dog", f.className());
        assertEquals("shs_dog", parse("20_shs_dog").identifier());
        assertEquals("", parse("20_shs_dog").className());
        assertEquals("", parse("20").identifier());
    }

    @Test
    void foldersKohyaSkips() {
        for (String n : new String[] {"dog", "0_dog", "-3_dog", "1.5_dog", "_dog", "x20_dog", "99999999999_dog"}) {
            assertEquals(Optional.empty(), FolderName.parse(n), n);
            assertTrue(FolderName.skipReason(n).isPresent(), n);
        }
        assertTrue(FolderName.skipReason("0_dog").get().contains("0 repeats"));
    }
}
