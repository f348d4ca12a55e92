package org.danlu.engine.model.clip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** kohya's get_input_ids windows, worked by hand. BOS 998, EOS 999, SD2 pad 0; tokens are 1, 2, 3, … */
class TokenWindowsTest {
    static final long BOS = 998, EOS = 999, PAD2 = 0;

    /** BOS, tokens 1..count, EOS, pad… to length. */
    static long[] sequence(int count, int length, long pad) {
        return TokenWindows.pad(LongStream.rangeClosed(1, count).toArray(), length, BOS, EOS, pad);
    }

    @Test
    void countFollowsMaxTokenLength() {
        assertEquals(1, TokenWindows.count(null));
        assertEquals(1, TokenWindows.count(75));
        assertEquals(2, TokenWindows.count(150));
        assertEquals(3, TokenWindows.count(225));
        assertThrows(IllegalArgumentException.class, () -> TokenWindows.count(77));
    }

    @Test
    void sd1With80TokensIn150() {
        // 152 ids: BOS, 1..80, EOS, EOS×70. range(1, 152 − 77 + 2, 75) = i ∈ {1, 76}.
        long[][] w = TokenWindows.split(sequence(80, 152, EOS), EOS, EOS);
        assertEquals(2, w.length);
        long[] w0 = new long[77];
        w0[0] = BOS;
        for (int k = 1; k <= 75; k++) w0[k] = k; // ids[1:76] = tokens 1..75
        w0[76] = EOS; // ids[-1]
        assertArrayEquals(w0, w[0]);
        long[] w1 = new long[77];
        Arrays.fill(w1, EOS); // ids[76:151] = tokens 76..80, EOS, EOS…; ids[-1] = EOS
        w1[0] = BOS;
        for (int k = 1; k <= 5; k++) w1[k] = 75 + k;
        assertArrayEquals(w1, w[1]);
    }

    @Test
    void sd2RepairsWindowEndsAndEmptyWindows() {
        // 225 with 80 tokens, pad 0: ids = BOS, 1..80, EOS, 0×144 (227 long); i ∈ {1, 76, 151}.
        long[][] w = TokenWindows.split(sequence(80, 227, PAD2), EOS, PAD2);
        assertEquals(3, w.length);
        // Window 0 = BOS, 1..75, ids[-1] = 0; its slot 75 holds token 75 (neither EOS nor pad) → last becomes EOS.
        assertEquals(75, w[0][75]);
        assertEquals(EOS, w[0][76]);
        // Window 1 = BOS, 76..80, EOS, 0…; slot 75 is pad → unchanged, ends in 0.
        assertArrayEquals(new long[] {BOS, 76, 77, 78, 79, 80, EOS, 0}, Arrays.copyOf(w[1], 8));
        assertEquals(0, w[1][76]);
        // Window 2 = BOS, 0×75, 0: it starts with pad → slot 1 becomes EOS.
        long[] w2 = new long[77];
        w2[0] = BOS;
        w2[1] = EOS;
        assertArrayEquals(w2, w[2]);
    }

    @Test
    void sd2WithExactlyOneFullWindowKeepsItsEos() {
        // 75 tokens in 150: ids = BOS, 1..75, EOS, 0×75. Window 0 = BOS, 1..75, 0 → fixed to EOS at 76.
        // Window 1 = BOS, EOS, 0×74, 0 (ids[76] is the EOS): slot 1 is EOS, not pad → unchanged.
        long[][] w = TokenWindows.split(sequence(75, 152, PAD2), EOS, PAD2);
        assertEquals(EOS, w[0][76]);
        long[] w1 = new long[77];
        w1[0] = BOS;
        w1[1] = EOS;
        assertArrayEquals(w1, w[1]);
    }

    @Test
    void aSingleWindowIsTheSequenceItself() {
        long[] ids = sequence(3, 77, PAD2);
        assertArrayEquals(new long[][] {ids}, TokenWindows.split(ids, EOS, PAD2));
    }

    @Test
    void wrongLengthsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> TokenWindows.split(new long[100], EOS, EOS));
    }
}
