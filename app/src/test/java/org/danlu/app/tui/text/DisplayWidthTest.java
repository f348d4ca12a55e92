package org.danlu.app.tui.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.googlecode.lanterna.TerminalTextUtils;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DisplayWidthTest {
    @Test
    void cjkCountsTwoColumnsLatinOne() {
        assertEquals(5, DisplayWidth.of("1girl"));
        assertEquals(4, DisplayWidth.of("少女"));
        assertEquals(9, DisplayWidth.of("1girl, 猫"));    // 7 Latin/space/comma + 1 wide
        assertEquals(2, DisplayWidth.of("，"));           // full-width comma
        assertEquals(2, DisplayWidth.of("😀"));           // surrogate pair: Lanterna draws it wide
        assertEquals(1, DisplayWidth.of("é"));            // e + combining acute
    }

    @Test
    void truncateNeverSplitsAWideCharacter() {
        // 6 columns available: "少女" (4) + "…" (1) fits, a third CJK char (2 more) would not.
        assertEquals("少女…", DisplayWidth.truncate("少女猫耳", 6));
        assertEquals(5, DisplayWidth.of(DisplayWidth.truncate("少女猫耳", 6)));
        assertEquals("少女猫耳", DisplayWidth.truncate("少女猫耳", 8));   // ends exactly at the limit
        assertEquals("a少…", DisplayWidth.truncate("a少女猫", 5));        // 1+2+1 = 4, one column left empty
    }

    @Test
    void fitPadsToExactColumns() {
        for (String s : List.of("x", "少女", "1girl, 长发", "ｆｕｌｌ", "")) {
            for (int cols = 1; cols < 12; cols++) {
                assertEquals(cols, DisplayWidth.of(DisplayWidth.fit(s, cols)), s + " @" + cols);
                assertEquals(cols, DisplayWidth.of(DisplayWidth.fitRight(s, cols)), s + " @" + cols);
            }
        }
    }

    @Test
    void agreesWithLanternaOnEveryPrintableBmpCharacter() {
        // Lanterna decides where the cursor goes, so our layout must use its width for each char.
        List<String> mismatches = new ArrayList<>();
        int lastEnd = -2;
        for (char c = 0x20; c < 0xd800; c++) {
            if (Character.getType(c) == Character.NON_SPACING_MARK || Character.getType(c) == Character.ENCLOSING_MARK
                    || Character.getType(c) == Character.UNASSIGNED || Character.getType(c) == Character.CONTROL || Character.getType(c) == Character.FORMAT) {
                continue;
            }
            int lanterna = TerminalTextUtils.isCharDoubleWidth(c) ? 2 : 1;
            if (DisplayWidth.of(c) != lanterna) {
                int last = mismatches.isEmpty() ? -2 : lastEnd;
                if (c == last + 1) {
                    mismatches.set(mismatches.size() - 1, mismatches.get(mismatches.size() - 1).split("-")[0]
                            + "-" + Integer.toHexString(c));
                } else {
                    mismatches.add(Integer.toHexString(c) + "(" + lanterna + ")");
                }
                lastEnd = c;
            }
        }
        assertEquals(List.of(), mismatches, "ranges where our width differs from Lanterna's (its width)");
    }
}
