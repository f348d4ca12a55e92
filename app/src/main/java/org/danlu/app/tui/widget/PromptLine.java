package org.danlu.app.tui.widget;

import org.danlu.app.tui.term.Role;
import org.danlu.app.tui.text.DisplayWidth;

/**
 * The one-line input on the status row for {@code :} commands and {@code /} filters. Holds the
 * text being typed (the only mutable widget, because it owns an edit buffer); the tail of a long
 * line stays visible.
 */
public final class PromptLine {
    private final String lead;
    private final StringBuilder text = new StringBuilder();
    private final java.util.function.Function<String, String> hint;
    private final java.util.function.UnaryOperator<String> completer;

    /**
     * A prompt; {@code hint} turns the text typed so far into a live note shown on the right, and
     * {@code completer} turns it into its completion when Tab is pressed.
     */
    public PromptLine(String lead, String initial, java.util.function.Function<String, String> hint,
                      java.util.function.UnaryOperator<String> completer) {
        this.lead = lead;
        this.hint = hint;
        this.completer = completer;
        text.append(initial);
    }

    public PromptLine(String lead, String initial, java.util.function.Function<String, String> hint) {
        this(lead, initial, hint, t -> t);
    }

    public PromptLine(String lead, String initial) {
        this(lead, initial, t -> "");
    }

    /** Tab: the text replaced by its completion. */
    public void complete() {
        set(completer.apply(text.toString()));
    }

    public String lead() {
        return lead;
    }

    public String text() {
        return text.toString();
    }

    public void type(char c) {
        text.append(c);
    }

    /** Deletes the last code point. */
    public void backspace() {
        if (text.length() > 0) {
            int cut = text.offsetByCodePoints(text.length(), -1);
            text.setLength(cut);
        }
    }

    public void set(String s) {
        text.setLength(0);
        text.append(s);
    }

    public void draw(Canvas c) {
        c.fill(Role.DIALOG);
        String note = hint.apply(text.toString());
        note = note.isEmpty() ? "" : DisplayWidth.truncate(note, c.width() / 2);
        if (!note.isEmpty()) {
            c.text(c.width() - DisplayWidth.of(note), 0, note, Role.DIM);
        }
        int room = c.width() - DisplayWidth.of(lead) - 1 - (note.isEmpty() ? 0 : DisplayWidth.of(note) + 1);
        String t = text.toString();
        while (DisplayWidth.of(t) > room && !t.isEmpty()) {
            t = t.substring(t.offsetByCodePoints(0, 1));
        }
        int col = c.text(0, 0, lead, Role.KEY);
        col += c.text(col, 0, t, Role.DIALOG);
        c.text(col, 0, "█", Role.DIALOG);
    }
}
