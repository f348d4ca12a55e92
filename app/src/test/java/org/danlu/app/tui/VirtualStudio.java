package org.danlu.app.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.danlu.app.tui.i18n.Messages;
import org.danlu.app.tui.term.ColorDepth;
import org.danlu.app.tui.term.TerminalCaps;

/**
 * The real studio on Lanterna's virtual terminal, driven the way a user drives it: keys go into
 * the terminal's input queue and are read by the GUI like real ones, and assertions read the
 * rendered characters back.
 */
public final class VirtualStudio implements AutoCloseable {
    public final DefaultVirtualTerminal vt;
    public final StudioSession session;

    public VirtualStudio(int cols, int rows, String lang, Consumer<Studio> screens) throws IOException {
        this(cols, rows, lang, "danlu-dark", ColorDepth.TRUE_COLOR, screens);
    }

    public VirtualStudio(int cols, int rows, String lang, String theme, ColorDepth depth, Consumer<Studio> screens)
            throws IOException {
        this(cols, rows, lang, theme, depth, screens, true);
    }

    private VirtualStudio(int cols, int rows, String lang, String theme, ColorDepth depth, Consumer<Studio> screens,
                          boolean settle) throws IOException {
        vt = new DefaultVirtualTerminal(new TerminalSize(cols, rows));
        TuiOptions opts = new TuiOptions(Messages.forLang(lang), theme,
                TerminalCaps.fromEnv(Map.of(), depth), "test-set");
        session = new StudioSession(vt, opts, screens);
        if (settle) {
            settle();
        }
    }

    /** The studio as it opens, before its workers are done: for watching a scan fill the screen. */
    public static VirtualStudio opening(int cols, int rows, String lang, Consumer<Studio> screens) throws IOException {
        return new VirtualStudio(cols, rows, lang, "danlu-dark", ColorDepth.TRUE_COLOR, screens, false);
    }

    public Studio studio() {
        return session.studio();
    }

    /** Runs frames until workers are done and the screen is redrawn (at most ~10 s). */
    public VirtualStudio settle() throws IOException {
        long end = System.currentTimeMillis() + 10_000;
        do {
            session.tick();
            if (session.store().idle()) {
                session.tick();
                if (session.store().idle()) {
                    break;
                }
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (System.currentTimeMillis() < end);
        session.gui().updateScreen();
        return this;
    }

    public VirtualStudio press(KeyStroke k) throws IOException {
        vt.addInput(k);
        return settle();
    }

    public VirtualStudio key(KeyType t) throws IOException {
        return press(new KeyStroke(t));
    }

    /** Types characters one key each. */
    public VirtualStudio type(String s) throws IOException {
        s.codePoints().forEach(cp -> vt.addInput(new KeyStroke((char) cp, false, false)));
        return settle();
    }

    public VirtualStudio ctrl(char c) throws IOException {
        return press(new KeyStroke(c, true, false));
    }

    public VirtualStudio resize(int cols, int rows) throws IOException {
        vt.setTerminalSize(new TerminalSize(cols, rows));
        return settle();
    }

    /** The screen as text, one string per row, trailing spaces stripped; wide chars appear once. */
    public List<String> rows() {
        TerminalSize size = vt.getTerminalSize();
        List<String> out = new ArrayList<>();
        for (int r = 0; r < size.getRows(); r++) {
            StringBuilder b = new StringBuilder();
            for (int c = 0; c < size.getColumns(); c++) {
                TextCharacter ch = vt.getBufferCharacter(c, r);
                if (ch.isDoubleWidth()) {
                    b.append(ch.getCharacterString());
                    c++;
                } else {
                    b.append(ch.getCharacterString());
                }
            }
            out.add(b.toString().stripTrailing());
        }
        return out;
    }

    public String text() {
        return String.join("\n", rows());
    }

    public TextCharacter cell(int col, int row) {
        return vt.getBufferCharacter(col, row);
    }

    @Override
    public void close() throws IOException {
        session.close();
    }
}
