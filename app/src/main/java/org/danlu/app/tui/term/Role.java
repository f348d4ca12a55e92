package org.danlu.app.tui.term;

/**
 * The semantic colour roles every theme file defines (see {@code themes/README.md}). The UI asks
 * for a role, never for a colour. Each role is a state name on the {@code StudioView} entry of a
 * Lanterna property theme; the five standard states double as the commonest roles.
 */
public enum Role {
    /** Normal text on the pane background. */
    BODY("NORMAL"),
    /** The selected row of the focused pane. */
    SELECTED("SELECTED"),
    /** The selected row of a pane that does not have focus. */
    SELECTED_DIM("ACTIVE"),
    /** Column headers and pane titles. */
    HEADER("PRELIGHT"),
    /** Secondary text: hints, placeholders, counts. */
    DIM("INSENSITIVE"),
    /** The tab bar. */
    TAB("TAB"),
    /** The current tab. */
    TAB_ACTIVE("TAB_ACTIVE"),
    /** The status bar. */
    STATUS("STATUS"),
    /** A key name in the status bar or help. */
    KEY("KEY"),
    /** Errors and destructive confirmations. */
    ERROR("ERROR"),
    /** Warnings and lint marks. */
    WARN("WARN"),
    /** Good news: saved, captioned. */
    OK("OK"),
    /** Filled part of a bar chart. */
    BAR("BAR"),
    /** Pane borders and separators. */
    BORDER("BORDER"),
    /** Dialogs and overlays (help, confirm, prompt). */
    DIALOG("DIALOG"),
    /** Tags past the CLIP token limit, which the trainer cuts off (always shown with a ✂ mark too). */
    TRUNCATED("TRUNCATED");

    private final String state;

    Role(String state) {
        this.state = state;
    }

    /** The state name used in theme files: {@code org.danlu.app.tui.StudioView.foreground[STATE]}. */
    public String state() {
        return state;
    }
}
