package org.danlu.engine.dataset;

import java.nio.file.Path;

/**
 * One lint finding: what is wrong with which file, and how to fix it.
 *
 * @param kind a stable machine name (e.g. {@code no-caption}) used in {@code scan --json}
 * @param file the file or folder it is about
 */
public record Finding(Severity severity, String kind, Path file, String message, String fix) {

    public static Finding error(String kind, Path file, String message, String fix) {
        return new Finding(Severity.ERROR, kind, file, message, fix);
    }

    public static Finding warning(String kind, Path file, String message, String fix) {
        return new Finding(Severity.WARNING, kind, file, message, fix);
    }

    public static Finding info(String kind, Path file, String message, String fix) {
        return new Finding(Severity.INFO, kind, file, message, fix);
    }

    /** One line: {@code error  path: message (fix: ...)}. */
    public String oneLine() {
        return String.format("%-7s %s: %s%s", severity.label(), file, message,
                fix == null || fix.isEmpty() ? "" : " (fix: " + fix + ")");
    }
}
