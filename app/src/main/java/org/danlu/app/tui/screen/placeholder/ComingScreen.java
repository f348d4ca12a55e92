package org.danlu.app.tui.screen.placeholder;

import org.danlu.app.tui.i18n.Messages;
import org.danlu.app.tui.keys.Keymap;
import org.danlu.app.tui.screen.StudioScreen;
import org.danlu.app.tui.term.Role;
import org.danlu.app.tui.text.DisplayWidth;
import org.danlu.app.tui.widget.Canvas;

/** Keeps the place of a screen that comes with training (Params, Train, Runs). */
public final class ComingScreen implements StudioScreen {
    private final String titleKey;
    private final Messages msg;

    public ComingScreen(String titleKey, Messages msg) {
        this.titleKey = titleKey;
        this.msg = msg;
    }

    @Override
    public String titleKey() {
        return titleKey;
    }

    @Override
    public Keymap keymap() {
        return new Keymap();
    }

    @Override
    public void draw(Canvas body) {
        body.fill(Role.BODY);
        String title = msg.get(titleKey) + " — " + msg.get("screen.coming");
        String hint = msg.get("screen.coming.hint");
        int row = body.height() / 2 - 1;
        body.text(Math.max(0, (body.width() - DisplayWidth.of(title)) / 2), row, title, Role.HEADER);
        body.text(Math.max(0, (body.width() - DisplayWidth.of(hint)) / 2), row + 2, hint, Role.DIM);
    }
}
