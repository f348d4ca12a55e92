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

    /**
     * A file-system error on a path as one finding: a symbolic link loop is named as such, anything
     * else says what could not be read.
     */
    public static Finding ofFileSystem(Path file, java.nio.file.FileSystemException e, String what) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return error("unreadable-" + what, file, "the " + what + " is gone (a broken link, or it was just deleted)",
                    "fix or remove the link");
        }
        String reason = e.getReason() == null ? String.valueOf(e.getMessage()) : e.getReason();
        if (reason.toLowerCase(java.util.Locale.ROOT).contains("symbolic links")) {
            return error("symlink-loop", file, "symbolic link loop", "remove or fix the link");
        }
        return error("unreadable-" + what, file, "cannot read the " + what + ": " + reason,
                "check the path and its permissions");
    }

    /**
     * A name the JVM's file-name encoding ({@code sun.jnu.encoding}, from the locale) cannot turn
     * back into bytes, e.g. {@code 狗.png} under {@code LANG=C}: Java can list it but not open a
     * path built from its name, so the file is left out of the scan with this finding.
     */
    public static Finding unrepresentableName(Path file) {
        return error("unrepresentable-name", file, "a file name this locale cannot represent (file names are read as "
                + System.getProperty("sun.jnu.encoding") + "); left out", "run with a UTF-8 locale, e.g. LC_ALL=C.UTF-8");
    }

    /** True when a path built from this name in dir would throw {@link java.nio.file.InvalidPathException}. */
    static boolean unrepresentable(Path dir, String name) {
        try {
            dir.resolve(name);
            return false;
        } catch (java.nio.file.InvalidPathException e) {
            return true;
        }
    }

    /** One line: {@code error  path: message (fix: ...)}. */
    public String oneLine() {
        return String.format("%-7s %s: %s%s", severity.label(), file, message,
                fix == null || fix.isEmpty() ? "" : " (fix: " + fix + ")");
    }
}
