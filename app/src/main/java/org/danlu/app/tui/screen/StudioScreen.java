package org.danlu.app.tui.screen;

import org.danlu.app.tui.keys.Keymap;
import org.danlu.app.tui.widget.Canvas;

/**
 * One of the six screens (Dataset, Tags, Buckets, Params, Train, Runs). A screen owns its view
 * state, offers its key bindings as data and draws itself into the body area; it reaches the rest
 * of the studio only through {@link ScreenHost}.
 */
public interface StudioScreen {
    /** Message key of the tab title. */
    String titleKey();

    /** This screen's bindings; looked up before the global ones. */
    Keymap keymap();

    /** Draws the body (everything between the tab bar and the status bar). */
    void draw(Canvas body);

    /** The left part of the status bar when no flash message is shown (counts, selection). */
    default String status() {
        return "";
    }

    /** Whether leaving now would lose something (asked before quitting). */
    default boolean hasUnsaved() {
        return false;
    }

    /** Called when the screen becomes the current one. */
    default void shown() {
    }
}
