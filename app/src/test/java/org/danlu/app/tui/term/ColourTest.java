package org.danlu.app.tui.term;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.googlecode.lanterna.TextColor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColourTest {
    @Test
    void trueColourOnlyWhenTheEnvironmentSaysSo() {
        assertEquals(ColorDepth.TRUE_COLOR, TerminalCaps.fromEnv(Map.of("COLORTERM", "truecolor"), null).depth());
        assertEquals(ColorDepth.TRUE_COLOR, TerminalCaps.fromEnv(Map.of("COLORTERM", "24bit"), null).depth());
        assertEquals(ColorDepth.TRUE_COLOR, TerminalCaps.fromEnv(Map.of("TERM", "xterm-direct"), null).depth());
        assertEquals(ColorDepth.INDEXED_256,
                TerminalCaps.fromEnv(Map.of("TERM", "screen-256color", "TMUX", "/tmp/x"), null).depth());
        assertEquals(ColorDepth.INDEXED_256,
                TerminalCaps.fromEnv(Map.of("COLORTERM", "truecolor"), ColorDepth.INDEXED_256).depth());
        String advice = TerminalCaps.fromEnv(Map.of("TMUX", "x"), null).advice();
        assertEquals(true, advice.contains("terminal-overrides"), advice);
    }

    @Test
    void nearestPaletteEntryUsesTheRealCubeLevels() {
        // Cube levels are 0,95,135,175,215,255. (100,100,100): cube (95,95,95) is 25+25+25=75 away,
        // grey ramp 232+9 = 98 is only 3*4 = 12 away, so the grey wins.
        assertEquals(241, Xterm256.nearest(100, 100, 100));
        // Pure red is cube index 16 + 36*5 = 196.
        assertEquals(196, Xterm256.nearest(255, 0, 0));
        // (120,0,0): floor onto 6 levels (Lanterna's fromRGB) gives level 0 or 1 by 120*6/256 = 2.8 -> 2 (135);
        // the nearest real level is 135 (|120-135| = 15 < |120-95| = 25) -> index 16 + 36*2 = 88.
        assertEquals(88, Xterm256.nearest(120, 0, 0));
        // Round trip of every cube colour is exact.
        for (int i = 16; i < 232; i++) {
            int rgb = Xterm256.rgbOf(i);
            assertEquals(i, Xterm256.nearest(rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff), "index " + i);
        }
    }

    @Test
    void pixelsStayRgbInTrueColourAndBecomeIndexedOtherwise() {
        assertEquals(new TextColor.RGB(1, 2, 3), Palette.pixel(0x010203, ColorDepth.TRUE_COLOR));
        assertEquals(new TextColor.Indexed(16), Palette.pixel(0x010203, ColorDepth.INDEXED_256));
    }
}
