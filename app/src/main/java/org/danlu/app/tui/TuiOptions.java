package org.danlu.app.tui;

import org.danlu.app.tui.i18n.Messages;
import org.danlu.app.tui.term.TerminalCaps;

/**
 * How the studio starts: texts (language), theme name or path, terminal capabilities, and the
 * title shown in the tab bar (the dataset's name).
 */
public record TuiOptions(Messages messages, String theme, TerminalCaps caps, String title) {
}
