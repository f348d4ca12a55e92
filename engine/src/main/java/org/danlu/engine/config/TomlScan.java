package org.danlu.engine.config;

/**
 * Finds where things are in TOML source text, so that a changed value can be replaced in place and
 * everything around it (comments, spacing, order) stays byte for byte. tomlj gives the position of
 * each key but keeps no comments; this scanner finds the extent of the value after the key.
 */
final class TomlScan {

    private TomlScan() {
    }

    /** Where a key/value pair is: the key's first char, the value's first char, just past the value. */
    record Span(int keyStart, int valueStart, int valueEnd) {
    }

    /** The span of the key/value pair whose key tomlj places at 1-based {@code line}, {@code column}. */
    static Span span(String text, int line, int column) {
        int keyStart = offsetOf(text, line, column);
        int valueStart = skipBlanks(text, equalsSign(text, keyStart) + 1);
        return new Span(keyStart, valueStart, valueEnd(text, valueStart));
    }

    /** Offset of the {@code =} of the key/value pair whose key starts at {@code keyStart}. */
    static int equalsSign(String text, int keyStart) {
        int i = keyStart;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                i = stringEnd(text, i);
                continue;
            }
            if (c == '=') {
                return i;
            }
            if (c == '\n') {
                break;
            }
            i++;
        }
        throw new IllegalArgumentException("no '=' after the key at offset " + keyStart);
    }

    /** Offset of the first non-blank character after {@code from} on the same line. */
    static int skipBlanks(String text, int from) {
        int i = from;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** Offset just past the value that starts at {@code start}. */
    static int valueEnd(String text, int start) {
        char c = text.charAt(start);
        if (c == '"' || c == '\'') {
            return stringEnd(text, start);
        }
        if (c == '[' || c == '{') {
            return bracketEnd(text, start);
        }
        int i = start;
        while (i < text.length()) {
            char d = text.charAt(i);
            if (d == ' ' || d == '\t' || d == '\r' || d == '\n' || d == '#' || d == ',' || d == ']' || d == '}') {
                break;
            }
            i++;
        }
        return i;
    }

    /** Offset just past a basic, literal or multi-line string starting at {@code start}. */
    static int stringEnd(String text, int start) {
        char q = text.charAt(start);
        boolean basic = q == '"';
        boolean multi = text.startsWith(basic ? "\"\"\"" : "'''", start);
        int i = start + (multi ? 3 : 1);
        while (i < text.length()) {
            char c = text.charAt(i);
            if (basic && c == '\\') {
                i += 2;
                continue;
            }
            if (c == q) {
                if (!multi) {
                    return i + 1;
                }
                if (text.startsWith(basic ? "\"\"\"" : "'''", i)) {
                    int end = i + 3;
                    // up to two quotes right before the closing delimiter belong to the string
                    while (end < text.length() && text.charAt(end) == q && end - i < 5) {
                        end++;
                    }
                    return end;
                }
            }
            if (!multi && c == '\n') {
                return i;
            }
            i++;
        }
        return text.length();
    }

    private static int bracketEnd(String text, int start) {
        int depth = 0;
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                i = stringEnd(text, i);
                continue;
            }
            if (c == '#') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
            i++;
        }
        return text.length();
    }

    /** Offset of the start of the line holding {@code offset}. */
    static int lineStart(String text, int offset) {
        int i = offset;
        while (i > 0 && text.charAt(i - 1) != '\n') {
            i--;
        }
        return i;
    }

    /** Offset just past the newline ending the line holding {@code offset} (or the text end). */
    static int nextLineStart(String text, int offset) {
        int nl = text.indexOf('\n', offset);
        return nl < 0 ? text.length() : nl + 1;
    }

    /** Offset of 1-based {@code line}, {@code column} (columns count UTF-16 chars, as tomlj does). */
    static int offsetOf(String text, int line, int column) {
        int off = 0;
        for (int l = 1; l < line; l++) {
            off = nextLineStart(text, off);
        }
        return off + column - 1;
    }
}
