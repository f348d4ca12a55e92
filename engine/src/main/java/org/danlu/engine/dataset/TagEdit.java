package org.danlu.engine.dataset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A bulk caption edit as a value: what to do to each selected caption's first line. Tags are
 * matched by their exact text as written (after trimming). The {@code |||} keep-tokens separator is
 * never removed or moved by an edit. {@link TagEditor} applies an edit to a selection as one
 * undoable journal entry.
 */
public sealed interface TagEdit {

    /** The new line for one caption; {@code frequency} is images-per-tag over the selection. */
    TagLine apply(TagLine line, Map<String, Integer> frequency);

    /** One line for the journal and the command output. */
    String describe();

    enum Position { FRONT, BACK, AFTER_KEEP }

    enum Order { ALPHABETICAL, FREQUENCY }

    /** Add a tag unless the caption has it: at the front, the back, or after the first {@code keep} tags. */
    record Add(String tag, Position position, int keep) implements TagEdit {
        public TagLine apply(TagLine line, Map<String, Integer> frequency) {
            if (line.tags().contains(tag)) {
                return line;
            }
            List<String> items = new ArrayList<>(line.items());
            int at = switch (position) {
                case FRONT -> 0;
                case BACK -> items.size();
                case AFTER_KEEP -> indexAfterTags(items, keep);
            };
            if (position == Position.AFTER_KEEP && at < items.size() && TagLine.KEEP.equals(items.get(at))) {
                at++; // the kept tags end at |||: the new tag goes after it
            }
            items.add(at, tag);
            return line.withItems(items);
        }

        public String describe() {
            return "add " + tag + switch (position) {
                case FRONT -> " at the front";
                case BACK -> " at the back";
                case AFTER_KEEP -> " after the first " + keep + " tags";
            };
        }
    }

    record Remove(String tag) implements TagEdit {
        public TagLine apply(TagLine line, Map<String, Integer> frequency) {
            List<String> items = new ArrayList<>(line.items());
            items.removeIf(tag::equals);
            return line.withItems(items);
        }

        public String describe() {
            return "remove " + tag;
        }
    }

    /** Replace (rename) a tag; if the caption already has the new tag, the later copy is dropped. */
    record Replace(String from, String to) implements TagEdit {
        public TagLine apply(TagLine line, Map<String, Integer> frequency) {
            if (!line.items().contains(from)) {
                return line;
            }
            List<String> items = new ArrayList<>();
            for (String i : line.items()) {
                String n = i.equals(from) ? to.strip() : i;
                if (n.isEmpty() || (n.equals(to.strip()) && items.contains(n))) {
                    continue;
                }
                items.add(n);
            }
            return line.withItems(items);
        }

        public String describe() {
            return "replace " + from + " with " + to;
        }
    }

    /**
     * Replace text anywhere in the caption line, inside tags too (kohya_ss's find/replace; for sentence captions,
     * where a tag-level replace finds nothing). Matched case-sensitively; the result is read back into tags, so a
     * replacement holding a comma splits a tag, and an emptied tag is dropped.
     */
    record ReplaceText(String from, String to) implements TagEdit {
        public ReplaceText {
            if (from.isEmpty()) {
                throw new IllegalArgumentException("the text to replace is empty");
            }
        }

        public TagLine apply(TagLine line, Map<String, Integer> frequency) {
            String text = line.render();
            if (!text.contains(from)) {
                return line;
            }
            List<String> items = new ArrayList<>(TagLine.parse(text.replace(from, to)).items());
            items.removeIf(String::isEmpty);
            return line.withItems(items);
        }

        public String describe() {
            return "replace the text \"" + from + "\" with \"" + to + "\"";
        }
    }

    record MoveToFront(String tag) implements TagEdit {
        public TagLine apply(TagLine line, Map<String, Integer> frequency) {
            List<String> items = new ArrayList<>(line.items());
            if (!items.remove(tag)) {
                return line;
            }
            items.add(0, tag);
            return line.withItems(items);
        }

        public String describe() {
            return "move " + tag + " to the front";
        }
    }

    /**
     * Sort tags, keeping the first {@code keep} and those before the first {@code |||} (kohya's fixed
     * part) where they are; each later part between {@code |||} separators is sorted on its own. Frequency order is most images first, ties alphabetical.
     */
    record Sort(Order order, int keep) implements TagEdit {
        public TagLine apply(TagLine line, Map<String, Integer> frequency) {
            List<String> items = new ArrayList<>(line.items());
            int start = Math.max(indexAfterTags(items, keep), items.indexOf(TagLine.KEEP) + 1);
            Comparator<String> cmp = order == Order.ALPHABETICAL ? Comparator.naturalOrder()
                    : Comparator.<String>comparingInt(t -> -frequency.getOrDefault(t, 0)).thenComparing(t -> t);
            int from = start;
            for (int i = start; i <= items.size(); i++) {
                if (i == items.size() || TagLine.KEEP.equals(items.get(i))) {
                    items.subList(from, i).sort(cmp);
                    from = i + 1;
                }
            }
            return line.withItems(items);
        }

        public String describe() {
            return "sort " + (order == Order.ALPHABETICAL ? "alphabetically" : "by frequency")
                    + (keep > 0 ? ", keeping the first " + keep : "");
        }
    }

    record Dedupe() implements TagEdit {
        public TagLine apply(TagLine line, Map<String, Integer> frequency) {
            List<String> items = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            for (String i : line.items()) {
                if (TagLine.KEEP.equals(i) || seen.add(i)) {
                    items.add(i);
                }
            }
            return line.withItems(items);
        }

        public String describe() {
            return "remove duplicate tags";
        }
    }

    /**
     * Trim, collapse runs of spaces, drop empty tags, write ", " between tags; optionally turn
     * {@code _} into a space (kaomoji like {@code ^_^} are left alone) and lowercase.
     */
    record Normalize(boolean underscoreToSpace, boolean lowercase) implements TagEdit {
        private static final Set<String> KAOMOJI = Set.of("^_^", ">_<", "-_-", "=_=", "._.", "@_@", "+_+",
                "o_o", "0_0", "u_u", "x_x", "t_t", ";_;", "q_q", "|_|", "||_||", "<o>_<o>", "(o)_(o)", "3_3", "n_n");

        public TagLine apply(TagLine line, Map<String, Integer> frequency) {
            List<String> items = new ArrayList<>();
            for (String i : line.items()) {
                String t = i.strip().replaceAll("[\\s\\u00a0\\u3000]+", " ");
                if (underscoreToSpace && !KAOMOJI.contains(t.toLowerCase(Locale.ROOT))) {
                    t = t.replace('_', ' ').replaceAll(" +", " ").strip();
                }
                if (lowercase) {
                    t = t.toLowerCase(Locale.ROOT);
                }
                if (!t.isEmpty()) {
                    items.add(t);
                }
            }
            return line.canonical(items);
        }

        public String describe() {
            return "normalize" + (underscoreToSpace ? ", _ to space" : "") + (lowercase ? ", lowercase" : "");
        }
    }

    /**
     * Replace the whole tag line of each selected caption with these items ({@code |||} allowed), as
     * one journal entry: e.g. the studio's "move tag", which reorders one image's tags. An image
     * without a caption gets one ({@link TagEditor} creates the file; undo deletes it).
     */
    record SetTags(List<String> tags) implements TagEdit {
        public SetTags {
            tags = List.copyOf(tags);
        }

        public TagLine apply(TagLine line, Map<String, Integer> frequency) {
            return line.withItems(tags);
        }

        public String describe() {
            String all = String.join(", ", tags);
            return "set tags to " + (all.length() > 60 ? all.substring(0, 57) + "..." : all);
        }
    }

    /** The item index just after the first {@code n} tags ({@code |||} separators are not counted). */
    private static int indexAfterTags(List<String> items, int n) {
        int seen = 0;
        for (int i = 0; i < items.size(); i++) {
            if (seen == n) {
                return i;
            }
            if (!TagLine.KEEP.equals(items.get(i))) {
                seen++;
            }
        }
        return items.size();
    }
}
