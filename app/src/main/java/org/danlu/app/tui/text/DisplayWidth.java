package org.danlu.app.tui.text;

/**
 * Terminal column widths of text, so tag lists and file names with Chinese, Japanese, Korean or
 * full-width characters keep their columns. A wcwidth-style table of the East Asian Wide and
 * Fullwidth ranges, written to agree with Lanterna's own rule for the characters it draws wide
 * (CJK blocks, full-width forms, any surrogate pair), because Lanterna decides where the cursor
 * goes: if we disagreed, columns to the right of a name would shift.
 */
public final class DisplayWidth {
    private DisplayWidth() {
    }

    /** Columns one code point takes: 0 for combining marks and controls, 2 for wide, else 1. */
    public static int of(int cp) {
        if (cp == 0 || cp < 32 || (cp >= 0x7f && cp < 0xa0)) {
            return 0;
        }
        if (isCombining(cp)) {
            return 0;
        }
        return isWide(cp) ? 2 : 1;
    }

    /** Columns a whole string takes. */
    public static int of(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += of(cp);
            i += Character.charCount(cp);
        }
        return w;
    }

    /**
     * The longest prefix that fits in {@code cols} columns, ending in "…" when something was cut.
     * A wide character that would straddle the limit is dropped rather than split.
     */
    public static String truncate(String s, int cols) {
        if (cols <= 0) {
            return "";
        }
        if (of(s) <= cols) {
            return s;
        }
        return prefix(s, cols - 1) + "…";
    }

    /** Truncated or right-padded with spaces to exactly {@code cols} columns. */
    public static String fit(String s, int cols) {
        String t = truncate(s, cols);
        return t + " ".repeat(Math.max(0, cols - of(t)));
    }

    /** Right-aligned in exactly {@code cols} columns (for numbers in tables). */
    public static String fitRight(String s, int cols) {
        String t = truncate(s, cols);
        return " ".repeat(Math.max(0, cols - of(t))) + t;
    }

    /**
     * Wraps text into lines of at most {@code cols} columns, breaking after ", " or spaces when it
     * can and inside a word (or between CJK characters) when it must.
     */
    public static java.util.List<String> wrap(String s, int cols) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        String rest = s;
        while (cols > 0 && !rest.isEmpty()) {
            if (of(rest) <= cols) {
                lines.add(rest);
                break;
            }
            String head = prefix(rest, cols);
            int brk = head.lastIndexOf(' ');
            if (brk > 0) {
                head = head.substring(0, brk + 1);
            }
            if (head.isEmpty()) {
                head = rest.substring(0, Character.charCount(rest.codePointAt(0)));
            }
            lines.add(head.stripTrailing());
            rest = rest.substring(head.length()).stripLeading();
        }
        return lines;
    }

    /** The longest prefix of {@code s} whose width is at most {@code cols}, never splitting a char. */
    public static String prefix(String s, int cols) {
        int w = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int cw = of(cp);
            if (w + cw > cols) {
                break;
            }
            w += cw;
            i += Character.charCount(cp);
        }
        return s.substring(0, i);
    }

    private static boolean isCombining(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || cp == 0x200b || cp == 0x200c || cp == 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f);
    }

    private static boolean isWide(int cp) {
        if (cp >= 0x10000) {
            // Lanterna treats every surrogate pair (emoji, CJK extension B...) as double width.
            return true;
        }
        // Lanterna's block rule, not Unicode's East Asian Width: Kangxi radicals, Bopomofo, Kanbun,
        // CJK strokes, CJK compatibility and Yi are drawn narrow by Lanterna, and Lanterna moves the
        // cursor, so they must count one column here too (DisplayWidthTest checks every BMP char).
        return (cp >= 0x1100 && cp <= 0x11ff)      // Hangul Jamo
                || (cp >= 0x2e80 && cp <= 0x2eff)  // CJK radicals supplement
                || (cp >= 0x3000 && cp <= 0x30ff)  // CJK symbols and punctuation, Hiragana, Katakana
                || (cp >= 0x3130 && cp <= 0x318f)  // Hangul compatibility Jamo
                || (cp >= 0x31f0 && cp <= 0x32ff)  // Katakana extensions, enclosed CJK
                || (cp >= 0x3400 && cp <= 0x4dbf)  // CJK extension A
                || (cp >= 0x4e00 && cp <= 0x9fff)  // CJK unified ideographs
                || (cp >= 0xac00 && cp <= 0xd7af)  // Hangul syllables
                || (cp >= 0xf900 && cp <= 0xfaff)  // CJK compatibility ideographs
                || (cp >= 0xfe30 && cp <= 0xfe4f)  // CJK compatibility forms
                || (cp >= 0xff00 && cp <= 0xff60)  // Fullwidth forms
                || (cp >= 0xffe0 && cp <= 0xffe6); // Fullwidth signs
    }
}
