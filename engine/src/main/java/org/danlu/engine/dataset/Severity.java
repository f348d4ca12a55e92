package org.danlu.engine.dataset;

/** How bad a lint finding is: errors make {@code danlu scan} exit 1 (kohya would fail or train wrongly). */
public enum Severity {
    ERROR, WARNING, INFO;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
