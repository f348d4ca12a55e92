package org.danlu.engine.run;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Run ids: {@code yyyyMMdd-HHmmss-name}, e.g. {@code 20261122-181500-shs-dog}. They sort by start
 * time as plain strings (so {@code ls runs/} is chronological) and say what the run is.
 */
public final class RunId {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final int MAX_NAME = 40;

    private RunId() {}

    /** The id for a run named {@code name} started at {@code time} (local clock time). */
    public static String of(LocalDateTime time, String name) {
        return STAMP.format(time) + "-" + slug(name);
    }

    /**
     * The part of a name that is safe in a directory name: letters and digits (any script) plus
     * {@code . _ -}; everything else becomes {@code -}. Empty becomes {@code run}.
     */
    public static String slug(String name) {
        StringBuilder b = new StringBuilder();
        String s = name == null ? "" : name.strip();
        for (int i = 0; i < s.length() && b.length() < MAX_NAME; ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            boolean keep = Character.isLetterOrDigit(cp) || cp == '_' || cp == '-' || cp == '.';
            if (keep) {
                b.appendCodePoint(cp);
            } else if (b.length() > 0 && b.charAt(b.length() - 1) != '-') {
                b.append('-');
            }
        }
        // No leading dots (hidden files) or trailing dashes.
        String out = b.toString().replaceAll("^[.-]+", "").replaceAll("-+$", "");
        return out.isEmpty() ? "run" : out;
    }

    /** True when {@code id} starts with the {@code yyyyMMdd-HHmmss-} stamp. */
    public static boolean looksLikeId(String id) {
        return id.matches("\\d{8}-\\d{6}-.+");
    }

    /** The name part of an id (after the stamp), or the whole id when it has no stamp. */
    public static String namePart(String id) {
        return looksLikeId(id) ? id.substring(16) : id;
    }
}
