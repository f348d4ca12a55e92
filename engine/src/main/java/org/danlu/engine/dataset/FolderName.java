package org.danlu.engine.dataset;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A subset folder name parsed exactly as kohya sd-scripts does (kohya-compat §1.1): split on
 * {@code _}, the first piece is an integer (Python {@code int()} rules), the rest re-joined with
 * {@code _} are the class tokens. {@code 20_shs dog} is 20 repeats of {@code shs dog}.
 *
 * @param repeats     how often each image repeats per epoch (always at least 1)
 * @param classTokens the caption used for images without a caption file; may be empty ({@code 20})
 */
public record FolderName(String name, int repeats, String classTokens) {

    /** Python's int() accepts surrounding whitespace and a sign. */
    private static final Pattern PY_INT = Pattern.compile("\\s*[+-]?\\d+\\s*");

    /** Why kohya skips a folder, or empty when it does not. */
    public static Optional<String> skipReason(String name) {
        String first = name.split("_", -1)[0];
        if (!PY_INT.matcher(first).matches()) {
            return Optional.of("kohya ignores a folder whose name does not start with a repeat count");
        }
        long repeats;
        try {
            repeats = Long.parseLong(first.strip().replace("+", ""));
        } catch (NumberFormatException e) {
            return Optional.of("the repeat count " + first.strip() + " is too large");
        }
        if (repeats < 1) {
            return Optional.of("kohya skips a folder with " + repeats + " repeats");
        }
        if (repeats > Integer.MAX_VALUE) {
            return Optional.of("the repeat count " + first.strip() + " is too large");
        }
        return Optional.empty();
    }

    /** The parsed name, or empty when kohya would skip the folder (see {@link #skipReason}). */
    public static Optional<FolderName> parse(String name) {
        if (skipReason(name).isPresent()) {
            return Optional.empty();
        }
        int cut = name.indexOf('_');
        String first = cut < 0 ? name : name.substring(0, cut);
        String tokens = cut < 0 ? "" : name.substring(cut + 1);
        return Optional.of(new FolderName(name, Integer.parseInt(first.strip().replace("+", "")), tokens));
    }

    /** The trigger word: the first space-separated word of the class tokens ({@code shs} of {@code shs dog}). */
    public String identifier() {
        String t = classTokens.strip();
        int sp = t.indexOf(' ');
        return sp < 0 ? t : t.substring(0, sp);
    }

    /** The class: the words after the identifier ({@code dog} of {@code shs dog}); empty if none. */
    public String className() {
        String t = classTokens.strip();
        int sp = t.indexOf(' ');
        return sp < 0 ? "" : t.substring(sp + 1).strip();
    }
}
