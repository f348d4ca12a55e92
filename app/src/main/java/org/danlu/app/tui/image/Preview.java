package org.danlu.app.tui.image;

import org.danlu.app.tui.widget.PixelGrid;

/** A decoded preview, or the reason there is none (shown in a placeholder instead of a stack trace). */
public record Preview(PixelGrid grid, String error, int sourceWidth, int sourceHeight) {
    public static Preview failed(String reason) {
        return new Preview(null, reason, 0, 0);
    }

    public boolean ok() {
        return grid != null;
    }
}
