package org.danlu.engine.bucket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** kohya-compat.md §1.4 balancing, worked by hand. */
class RegBalanceTest {

    private static List<BucketInput> inputs(int train, int trainRepeats, int reg, int regRepeats) {
        List<BucketInput> in = new ArrayList<>();
        for (int i = 0; i < train; i++) {
            in.add(BucketInput.train("t" + i, 512, 512, trainRepeats));
        }
        for (int i = 0; i < reg; i++) {
            in.add(BucketInput.reg("r" + i, 512, 512, regRepeats));
        }
        return in;
    }

    private static int[] regPart(int[] all, int train) {
        int[] out = new int[all.length - train];
        System.arraycopy(all, train, out, 0, out.length);
        return out;
    }

    @Test
    void hundredRegImagesEachUsedTwice() {
        // doc: 10 imgs x 20 = 200 train samples, 100 reg x 1: pass 1 gives n = 100, the second pass adds
        // 1 to each of the 100 -> n = 200: every reg image ends with repeats 2.
        int[] r = RegBalance.effectiveRepeats(inputs(10, 20, 100, 1));
        int[] expected = new int[100];
        java.util.Arrays.fill(expected, 2);
        assertArrayEquals(expected, regPart(r, 10));
        assertArrayEquals(new int[] {20, 20, 20, 20, 20, 20, 20, 20, 20, 20}, java.util.Arrays.copyOf(r, 10));
    }

    @Test
    void thousandRegImagesOnlyFirstTwoHundredUsed() {
        // doc: 1000 reg x 1 -> pass 1 stops when n reaches 200: reg 0..199 once, 200..999 never.
        int[] reg = regPart(RegBalance.effectiveRepeats(inputs(10, 20, 1000, 1)), 10);
        int[] expected = new int[1000];
        java.util.Arrays.fill(expected, 0, 200, 1);
        assertArrayEquals(expected, reg);
    }

    @Test
    void uneven() {
        // 10 train samples, 3 reg x 1. Pass 1: n = 3. Pass 2: r0=2 (4), r1=2 (5), r2=2 (6).
        // Pass 3: 3,3,3 (n = 9). Pass 4: r0 = 4 (n = 10) stop -> [4, 3, 3].
        assertArrayEquals(new int[] {4, 3, 3}, regPart(RegBalance.effectiveRepeats(inputs(10, 1, 3, 1)), 10));
    }

    @Test
    void regRepeatsCountInPassOne() {
        // 3 train samples; reg repeats 5: the first reg image alone gives n = 5 >= 3, the second is unused.
        assertArrayEquals(new int[] {5, 0}, regPart(RegBalance.effectiveRepeats(inputs(3, 1, 2, 5)), 3));
    }

    @Test
    void noTrainImagesMeansNoRegUsed() {
        assertArrayEquals(new int[] {0, 0}, RegBalance.effectiveRepeats(inputs(0, 1, 2, 1)));
    }
}
