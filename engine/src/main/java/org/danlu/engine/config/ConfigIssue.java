package org.danlu.engine.config;

import org.tomlj.TomlParseError;
import org.tomlj.TomlPosition;

/**
 * One finding about a configuration: an error (kohya would stop or train something else than
 * meant) or a warning, with where it is: file, 1-based line and column (0 when unknown), key.
 */
public record ConfigIssue(Severity severity, String file, int line, int column, String key, String message) {

    public enum Severity { ERROR, WARNING }

    public static ConfigIssue error(String file, KeyLocation at, String key, String message) {
        return new ConfigIssue(Severity.ERROR, file, at == null ? 0 : at.line(), at == null ? 0 : at.column(), key, message);
    }

    public static ConfigIssue warning(String file, KeyLocation at, String key, String message) {
        return new ConfigIssue(Severity.WARNING, file, at == null ? 0 : at.line(), at == null ? 0 : at.column(), key, message);
    }

    /** A TOML syntax error as tomlj reports it, with its position. */
    public static ConfigIssue syntax(String file, TomlParseError e) {
        return at(Severity.ERROR, file, e.position(), null, "TOML syntax: " + e.getMessage());
    }

    /** An issue at a tomlj position (null when unknown). */
    public static ConfigIssue at(Severity severity, String file, TomlPosition pos, String key, String message) {
        return new ConfigIssue(severity, file, pos == null ? 0 : pos.line(), pos == null ? 0 : pos.column(), key, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:column: error: key: message}, leaving out what is unknown. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(file);
            if (line > 0) {
                sb.append(':').append(line).append(':').append(column);
            }
            sb.append(": ");
        }
        sb.append(severity == Severity.ERROR ? "error: " : "warning: ");
        if (key != null) {
            sb.append(key).append(": ");
        }
        return sb.append(message).toString();
    }
}
