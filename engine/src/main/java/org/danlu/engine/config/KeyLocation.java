package org.danlu.engine.config;

/** Where a key is written in a TOML file: its table ({@code null} at top level) and 1-based line/column. */
public record KeyLocation(String section, int line, int column) {
}
