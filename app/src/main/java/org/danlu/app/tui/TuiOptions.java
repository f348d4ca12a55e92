package org.danlu.app.tui;

import org.danlu.app.tui.i18n.Messages;
import org.danlu.app.tui.term.TerminalCaps;

/**
 * How the studio starts: texts (language), theme name or path, terminal capabilities, the title
 * shown in the tab bar (the dataset's name), and whether to capture the mouse (off by default:
 * mouse modes misbehave in some terminals and tmux setups; every action has a key anyway).
 */
public record TuiOptions(Messages messages, String theme, TerminalCaps caps, String title, boolean mouse) {
    public TuiOptions(Messages messages, String theme, TerminalCaps caps, String title) {
        this(messages, theme, caps, title, false);
    }
}
