package org.danlu.app.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.AbstractInteractableComponent;
import com.googlecode.lanterna.gui2.InteractableRenderer;
import com.googlecode.lanterna.gui2.TextGUIGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import org.danlu.app.tui.term.Palette;
import org.danlu.app.tui.widget.Canvas;

/**
 * The single Lanterna component filling the window: it hands every key to the {@link Studio}
 * (returning HANDLED so Tab never moves focus away) and draws the studio through a {@link Canvas}.
 * Its class name is the theme entry that holds Danlu's semantic roles.
 */
public final class StudioView extends AbstractInteractableComponent<StudioView> {
    private final Studio studio;
    private final Palette palette;

    public StudioView(Studio studio, Palette palette) {
        this.studio = studio;
        this.palette = palette;
    }

    @Override
    protected Result handleKeyStroke(KeyStroke key) {
        studio.handle(key);
        invalidate();
        return Result.HANDLED;
    }

    @Override
    protected InteractableRenderer<StudioView> createDefaultRenderer() {
        return new InteractableRenderer<>() {
            @Override
            public TerminalSize getPreferredSize(StudioView component) {
                return new TerminalSize(Studio.MIN_COLS, Studio.MIN_ROWS);
            }

            @Override
            public void drawComponent(TextGUIGraphics graphics, StudioView component) {
                studio.draw(new Canvas(graphics, palette));
            }

            @Override
            public com.googlecode.lanterna.TerminalPosition getCursorLocation(StudioView component) {
                return null; // no hardware cursor: the prompt draws its own
            }
        };
    }
}
