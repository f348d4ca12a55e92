package org.danlu.app.tui.term;

/** How many colours the terminal can show; decides whether RGB colours are sent as-is or mapped. */
public enum ColorDepth {
    TRUE_COLOR,
    INDEXED_256
}
