package org.danlu.app.tui.term;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import java.util.EnumSet;

/** Colours and attributes of one role, already mapped to what the terminal can show. */
public record Style(TextColor foreground, TextColor background, EnumSet<SGR> sgrs) {

    /** Sets this style as the current drawing style of {@code g}. */
    public TextGraphics applyTo(TextGraphics g) {
        g.setForegroundColor(foreground);
        g.setBackgroundColor(background);
        g.setModifiers(sgrs);
        return g;
    }
}
