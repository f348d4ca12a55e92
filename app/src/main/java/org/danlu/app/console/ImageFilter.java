package org.danlu.app.console;

import java.util.Locale;
import java.util.function.Predicate;
import org.danlu.engine.dataset.ImageEntry;

/**
 * The filter language of the studio's {@code /} prompt and the console's {@code list}: {@code tag:smile} (caption has the tag),
 * {@code -tag:smile} (has not), {@code nocaption}, {@code lint} (has findings), {@code rotated}
 * (EXIF-rotated), or plain text matched against the file name. Space-separated terms must all hold.
 */
public record ImageFilter(String text) {
    public static final ImageFilter NONE = new ImageFilter("");

    public boolean isEmpty() {
        return text.isBlank();
    }

    /** The filter as a test; {@code hasFindings} says whether the lint found something about an image. */
    public Predicate<ImageEntry> predicate(Predicate<ImageEntry> hasFindings) {
        Predicate<ImageEntry> p = e -> true;
        for (String term : text.trim().split("\\s+")) {
            if (!term.isEmpty()) {
                p = p.and(term(term, hasFindings));
            }
        }
        return p;
    }

    private static Predicate<ImageEntry> term(String term, Predicate<ImageEntry> hasFindings) {
        String t = term.toLowerCase(Locale.ROOT);
        if (t.startsWith("tag:")) {
            String tag = term.substring(4).replace('_', ' ');
            String raw = term.substring(4);
            return e -> e.tags().contains(tag) || e.tags().contains(raw);
        }
        if (t.startsWith("-tag:")) {
            String tag = term.substring(5);
            return e -> !e.tags().contains(tag) && !e.tags().contains(tag.replace('_', ' '));
        }
        return switch (t) {
            case "nocaption" -> e -> !e.hasCaption() || e.tags().isEmpty();
            case "lint" -> hasFindings;
            case "rotated" -> ImageEntry::rotated;
            default -> e -> e.fileName().toLowerCase(Locale.ROOT).contains(t);
        };
    }
}
