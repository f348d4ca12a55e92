package org.danlu.engine.dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One caption line split into tags without losing a character: {@code lead + item0 + sep0 + item1 +
 * ... + itemN + trail} is the line exactly. Items are tags as written ({@code (red hair:1.2)},
 * {@code hatsune miku \(vocaloid\)}) or the keep-tokens separator {@link #KEEP} ({@code |||}).
 * Commas inside unescaped brackets do not split, so a weighted group stays one item; with unbalanced
 * brackets the line is split on every comma, as kohya does.
 */
public record TagLine(String lead, List<String> items, List<String> seps, String trail) {

    /** kohya's {@code keep_tokens_separator} as datasets commonly write it. */
    public static final String KEEP = "|||";
    private static final String DEFAULT_SEP = ", ";

    public TagLine {
        items = List.copyOf(items);
        seps = List.copyOf(seps);
        if (seps.size() != Math.max(0, items.size() - 1)) {
            throw new IllegalArgumentException("a tag line needs one separator between each two items");
        }
    }

    public static TagLine parse(String line) {
        List<int[]> spans = spans(line, true);
        if (spans == null) {
            spans = spans(line, false);
        }
        if (spans.isEmpty()) {
            return new TagLine(line, List.of(), List.of(), "");
        }
        List<String> items = new ArrayList<>();
        List<String> seps = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            int[] s = spans.get(i);
            items.add(line.substring(s[0], s[1]));
            if (i > 0) {
                seps.add(line.substring(spans.get(i - 1)[1], s[0]));
            }
        }
        return new TagLine(line.substring(0, spans.get(0)[0]), items, seps,
                line.substring(spans.get(spans.size() - 1)[1]));
    }

    /** Spans of items; null when brackets are unbalanced and bracket-aware splitting must not be used. */
    private static List<int[]> spans(String line, boolean bracketAware) {
        List<int[]> out = new ArrayList<>();
        int depth = 0;
        int segStart = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
                continue;
            }
            if (bracketAware && (c == '(' || c == '[' || c == '{')) {
                depth++;
            } else if (bracketAware && (c == ')' || c == ']' || c == '}')) {
                depth--;
                if (depth < 0) {
                    return null;
                }
            } else if (depth == 0 && c == ',') {
                addCore(line, segStart, i, out);
                segStart = i + 1;
            } else if (depth == 0 && line.startsWith(KEEP, i)) {
                addCore(line, segStart, i, out);
                out.add(new int[] {i, i + KEEP.length()});
                i += KEEP.length() - 1;
                segStart = i + 1;
            }
        }
        if (depth != 0) {
            return null;
        }
        addCore(line, segStart, line.length(), out);
        return out;
    }

    private static void addCore(String line, int from, int to, List<int[]> out) {
        while (from < to && isSpace(line.charAt(from))) {
            from++;
        }
        while (to > from && isSpace(line.charAt(to - 1))) {
            to--;
        }
        if (to > from) {
            out.add(new int[] {from, to});
        }
    }

    /** Python's str.strip() whitespace, which kohya uses: includes NBSP and the ideographic space. */
    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** The line, character for character as it was parsed (or as an edit rendered it). */
    public String render() {
        StringBuilder b = new StringBuilder(lead);
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                b.append(seps.get(i - 1));
            }
            b.append(items.get(i));
        }
        return b.append(trail).toString();
    }

    /** The tags, without keep-token separators. */
    public List<String> tags() {
        List<String> t = new ArrayList<>(items.size());
        for (String i : items) {
            if (!KEEP.equals(i)) {
                t.add(i);
            }
        }
        return t;
    }

    /**
     * This line with new items. Unchanged items keep the line exactly; otherwise items are joined with
     * the separator this line uses most (", " when it has none), and separators around {@code |||}
     * are kept as the line wrote them.
     */
    public TagLine withItems(List<String> newItems) {
        if (newItems.equals(items)) {
            return this;
        }
        String sep = mostUsedSeparator();
        String aroundKeep = keepSeparator();
        List<String> s = new ArrayList<>();
        for (int i = 1; i < newItems.size(); i++) {
            boolean keep = KEEP.equals(newItems.get(i)) || KEEP.equals(newItems.get(i - 1));
            s.add(keep ? aroundKeep : sep);
        }
        return new TagLine(newItems.isEmpty() ? "" : lead, newItems, s, newItems.isEmpty() ? "" : trail);
    }

    /** The items joined with ", " and " ||| ", with no leading or trailing separators: normalize's output. */
    public TagLine canonical(List<String> newItems) {
        List<String> s = new ArrayList<>();
        for (int i = 1; i < newItems.size(); i++) {
            boolean keep = KEEP.equals(newItems.get(i)) || KEEP.equals(newItems.get(i - 1));
            s.add(keep ? " " : DEFAULT_SEP);
        }
        return new TagLine("", newItems, s, "");
    }

    private String mostUsedSeparator() {
        Map<String, Integer> count = new HashMap<>();
        for (int i = 0; i < seps.size(); i++) {
            if (!KEEP.equals(items.get(i)) && !KEEP.equals(items.get(i + 1))) {
                count.merge(seps.get(i), 1, Integer::sum);
            }
        }
        return count.isEmpty() ? DEFAULT_SEP : Collections.max(count.entrySet(), Map.Entry.comparingByValue()).getKey();
    }

    private String keepSeparator() {
        for (int i = 0; i < seps.size(); i++) {
            if (KEEP.equals(items.get(i + 1))) {
                return seps.get(i);
            }
        }
        return " ";
    }
}
