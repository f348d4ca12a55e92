package org.danlu.app.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.danlu.app.tui.i18n.Messages;
import org.danlu.app.tui.keys.Keymap;
import org.danlu.app.tui.screen.StudioScreen;
import org.danlu.app.tui.term.ColorDepth;
import org.danlu.app.tui.term.TerminalCaps;
import org.danlu.app.tui.widget.Canvas;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A screen that throws takes the studio down cleanly: terminal restored, one line, trace in crash.log. */
class CrashRestoreTest {
    @TempDir
    Path config;

    @AfterEach
    void clear() {
        System.clearProperty("danlu.config.dir");
    }

    @Test
    void anExceptionWhileDrawingRestoresTheTerminalAndLogsTheTrace() throws Exception {
        System.setProperty("danlu.config.dir", config.toString());
        DefaultVirtualTerminal vt = new DefaultVirtualTerminal(new TerminalSize(80, 24));
        TuiOptions opts = new TuiOptions(Messages.forLang("en"), "danlu-dark",
                TerminalCaps.fromEnv(Map.of(), ColorDepth.TRUE_COLOR), "crash");
        boolean[] armed = {false};
        StudioScreen bomb = new StudioScreen() {
            @Override
            public String titleKey() {
                return "screen.dataset";
            }

            @Override
            public Keymap keymap() {
                return new Keymap().add("x", "key.quit", false, () -> armed[0] = true);
            }

            @Override
            public void draw(Canvas body) {
                if (armed[0]) {
                    throw new IllegalStateException("boom while drawing");
                }
            }
        };
        vt.addInput(new KeyStroke('x', false, false));
        int code = TuiApp.run(vt, opts, s -> s.addScreen(bomb));
        assertEquals(1, code);
        assertTrue(vt.isCursorVisible(), "the cursor is shown again after the crash");
        String log = Files.readString(config.resolve("crash.log"));
        assertTrue(log.contains("boom while drawing"), log);
        assertFalse(log.isBlank());
    }
}
