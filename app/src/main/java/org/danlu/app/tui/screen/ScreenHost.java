package org.danlu.app.tui.screen;

import java.util.List;
import java.util.function.Consumer;
import org.danlu.app.tui.i18n.Messages;
import org.danlu.app.tui.image.PreviewLoader;
import org.danlu.app.tui.state.Store;

/** What a screen may ask of the studio around it; implemented by {@code Studio}. */
public interface ScreenHost {
    Messages messages();

    Store store();

    PreviewLoader previews();

    /** A short message in the status bar that clears itself after a few seconds. */
    void flash(String text, boolean error);

    /** Asks yes/no; {@code onYes} runs on the GUI thread only when the user presses {@code y}. */
    void confirm(String title, List<String> lines, boolean destructive, Runnable onYes);

    /** Opens the one-line prompt; {@code onSubmit} gets the text on Enter (Esc cancels). */
    void prompt(String lead, String initial, Consumer<String> onSubmit);

    /** A prompt with a live note computed from the text as it is typed (e.g. step totals). */
    void prompt(String lead, String initial, java.util.function.Function<String, String> hint,
                Consumer<String> onSubmit);

    /** A prompt with a live note and Tab completion ({@code completer} returns the completed text). */
    void prompt(String lead, String initial, java.util.function.Function<String, String> hint,
                java.util.function.UnaryOperator<String> completer, Consumer<String> onSubmit);

    /** Runs a {@code :} command line (the same language as {@code danlu console}). */
    void runCommand(String line);

    /** Switches to another screen by index (0 = Dataset). */
    void show(int index);
}
