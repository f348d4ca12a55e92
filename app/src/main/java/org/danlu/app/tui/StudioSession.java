package org.danlu.app.tui;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.Theme;
import com.googlecode.lanterna.gui2.BasicWindow;
import com.googlecode.lanterna.gui2.MultiWindowTextGUI;
import com.googlecode.lanterna.gui2.Window;
import com.googlecode.lanterna.gui2.WindowBasedTextGUI;
import com.googlecode.lanterna.gui2.EmptySpace;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.Terminal;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.danlu.app.tui.state.Store;
import org.danlu.app.tui.term.Palette;
import org.danlu.app.tui.term.ThemeFiles;

/**
 * One running studio on one terminal (a real one from {@link TuiApp}, or Lanterna's virtual
 * terminal in tests): the screen, the GUI on the calling thread (SameTextGUIThread, so exceptions
 * surface), one full-screen undecorated window holding the {@link StudioView}, and the frame loop
 * that drains worker results and redraws.
 */
public final class StudioSession implements AutoCloseable {
    private final TerminalScreen screen;
    private final MultiWindowTextGUI gui;
    private final TuiOptions options;
    private final Palette palette;
    private final BasicWindow window;
    private Studio studio;
    private StudioView view;
    private final Store store;
    private long lastTick;
    private com.googlecode.lanterna.terminal.ExtendedTerminal mouseTerminal;

    /**
     * Builds the studio; {@code screens} adds the six screens to the {@link Studio} it is given.
     */
    public StudioSession(Terminal terminal, TuiOptions options, java.util.function.Consumer<Studio> screens)
            throws IOException {
        Locale.setDefault(options.messages().locale()); // Lanterna's own dialogs localise from it
        this.options = options;
        this.store = new Store();
        this.studio = new Studio(options.messages(), store, options.title());
        Theme theme = ThemeFiles.load(ThemeFiles.locate(options.theme()));
        this.palette = new Palette(theme, StudioView.class, options.caps().depth());
        this.screen = new TerminalScreen(terminal);
        screen.startScreen();
        if (options.mouse() && terminal instanceof com.googlecode.lanterna.terminal.ExtendedTerminal ext) {
            ext.setMouseCaptureMode(com.googlecode.lanterna.terminal.MouseCaptureMode.CLICK_RELEASE);
            this.mouseTerminal = ext;
        }
        screen.setCursorPosition(null);
        this.gui = new MultiWindowTextGUI(screen, new com.googlecode.lanterna.gui2.DefaultWindowManager(),
                new EmptySpace(palette.style(org.danlu.app.tui.term.Role.BODY).background()));
        gui.setTheme(theme);
        screens.accept(studio);
        this.view = new StudioView(studio, palette);
        this.window = new BasicWindow();
        window.setHints(List.of(Window.Hint.FULL_SCREEN, Window.Hint.NO_DECORATIONS, Window.Hint.NO_POST_RENDERING));
        window.setComponent(view);
        gui.addWindow(window);
        view.takeFocus();
        gui.updateScreen();
    }

    public Studio studio() {
        return studio;
    }

    public Store store() {
        return store;
    }

    public WindowBasedTextGUI gui() {
        return gui;
    }

    /**
     * One frame: apply worker results, handle waiting keys, redraw if anything changed. Returns
     * whether anything happened (the loop sleeps briefly when not).
     */
    public boolean tick() throws IOException {
        boolean posted = store.drain();
        long now = System.currentTimeMillis();
        if (posted || now - lastTick > 250) {
            // A worker result, or time passing (flash messages expire), needs a redraw.
            view.invalidate();
            lastTick = now;
        }
        boolean input = gui.getGUIThread().processEventsAndUpdate();
        Studio.Switch next = studio.takeSwitch();
        if (next != null) {
            switchTo(next);
            return true;
        }
        return posted || input;
    }

    /**
     * Replaces the studio in the same window (the picker opening a dataset): the screen is never
     * stopped, so the terminal does not flash back to the shell. The store stays: work the old studio
     * left in flight posts into state nobody draws any more.
     */
    private void switchTo(Studio.Switch next) throws IOException {
        Studio fresh = new Studio(options.messages(), store, next.title());
        next.screens().accept(fresh);
        studio = fresh;
        view = new StudioView(fresh, palette);
        window.setComponent(view);
        view.takeFocus();
        gui.updateScreen();
    }

    /** Runs frames until the user quits. */
    public void loop() throws IOException, InterruptedException {
        while (studio.running()) {
            if (!tick()) {
                Thread.sleep(8);
            }
        }
    }

    /** Stops the screen: leaves the alternate screen and restores the terminal modes. */
    @Override
    public void close() throws IOException {
        store.close();
        if (mouseTerminal != null) {
            mouseTerminal.setMouseCaptureMode(null);
        }
        screen.stopScreen();
    }

    /** The colour the whole window background uses; exposed for tests of theme roles. */
    TextColor background() {
        return screen.getBackCharacter(0, 0).getBackgroundColor();
    }

    /** Convenience for screen factories. */
    public static java.util.function.Consumer<Studio> screens(Function<Studio, List<org.danlu.app.tui.screen.StudioScreen>> f) {
        return s -> f.apply(s).forEach(s::addScreen);
    }
}
