package org.danlu.app.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tab completion for the studio's prompts, as the console's JLine completer offers it: a command name
 * in first position, then options and the dataset's tags (quoted when they hold a space or a comma);
 * in a tag prompt the whole text is one tag. Candidates come most frequent first; a unique match is
 * completed whole, several are completed to their longest common start.
 */
public final class Completion {
    /** Options after the command name (the console's list). */
    static final List<String> OPTIONS = List.of("--all", "--front", "--back", "--after", "--keep",
            "--underscores", "--lower", "alpha", "freq", "tag:", "nocaption", "lint", "rotated");

    private Completion() {
    }

    /** The {@code :} command line with its last word completed. */
    public static String commandLine(String line, List<String> tags) {
        int start = lastWordStart(line);
        String word = line.substring(start);
        List<String> words = new ArrayList<>();
        if (line.substring(0, start).isBlank()) {
            words.addAll(TagCommand.NAMES);
        } else {
            words.addAll(OPTIONS);
            tags.forEach(t -> words.add(t.contains(" ") || t.contains(",") ? "\"" + t + "\"" : t));
        }
        // A tag's opening quote is matched whether or not it was typed.
        String typed = unquoted(word);
        List<String> matches = words.stream().filter(w -> startsWith(unquoted(w), typed)).toList();
        if (matches.size() == 1) {
            return line.substring(0, start) + matches.get(0) + " ";
        }
        String common = extend(typed, matches.stream().map(Completion::unquoted).toList());
        return line.substring(0, start) + (word.startsWith("\"") ? "\"" : "") + common;
    }

    /**
     * The {@code /} filter with its last term completed: a keyword, or after {@code tag:} / {@code -tag:} a tag of
     * the dataset, spaces written as underscores as the filter reads them (see {@link ImageFilter}).
     */
    public static String filter(String line, List<String> tags) {
        int start = line.lastIndexOf(' ') + 1;
        String term = line.substring(start);
        String prefix = term.startsWith("-tag:") ? "-tag:" : term.startsWith("tag:") ? "tag:" : "";
        List<String> words = prefix.isEmpty() ? List.of("tag:", "-tag:", "nocaption", "lint", "rotated")
                : tags.stream().map(t -> prefix + t.replace(' ', '_')).toList();
        List<String> matches = words.stream().filter(w -> startsWith(w, term)).toList();
        if (matches.size() == 1) {
            return line.substring(0, start) + matches.get(0) + (matches.get(0).endsWith(":") ? "" : " ");
        }
        return line.substring(0, start) + extend(term, matches);
    }

    /** A tag prompt's text completed against the dataset's tags. */
    public static String tag(String text, List<String> tags) {
        return extend(text, matches(text, tags, Integer.MAX_VALUE));
    }

    /** Up to {@code max} tags starting with the text typed (case-insensitive), most frequent first. */
    public static List<String> matches(String text, List<String> tags, int max) {
        if (text.isBlank()) {
            return List.of();
        }
        return tags.stream().filter(t -> startsWith(t, text) && !t.equals(text)).limit(max).toList();
    }

    /** Where the last word starts: after the last space outside quotes. */
    private static int lastWordStart(String line) {
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ' ' && !quoted) {
                start = i + 1;
            }
        }
        return start;
    }

    private static boolean startsWith(String candidate, String typed) {
        return candidate.toLowerCase(Locale.ROOT).startsWith(typed.toLowerCase(Locale.ROOT));
    }

    private static String unquoted(String w) {
        return w.startsWith("\"") ? w.substring(1) : w;
    }

    /** The typed text extended to the matches' longest common start (the typed text when that adds nothing). */
    private static String extend(String typed, List<String> matches) {
        if (matches.isEmpty()) {
            return typed;
        }
        String common = matches.get(0);
        for (String m : matches) {
            int i = 0;
            while (i < common.length() && i < m.length()
                    && Character.toLowerCase(common.charAt(i)) == Character.toLowerCase(m.charAt(i))) {
                i++;
            }
            common = common.substring(0, i);
        }
        return common.length() > typed.length() ? common : typed;
    }
}
