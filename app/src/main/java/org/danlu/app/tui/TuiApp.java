package org.danlu.app.tui;

import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.Terminal;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Starts the studio on the real terminal and always gives the terminal back as it found it: the
 * terminal is opened as UTF-8 explicitly (Java 17 follows the locale, and with {@code LANG=C} the
 * half blocks and CJK would print as {@code ?}), the screen is stopped in {@code finally}, and a
 * shutdown hook stops it too when the JVM is killed (Ctrl-C, SIGTERM). A crash is reported after
 * the terminal is restored, as one line naming the log file with the stack trace.
 */
public final class TuiApp {
    private TuiApp() {
    }

    /** Runs until the user quits; returns the process exit code. */
    public static int run(TuiOptions options, Consumer<Studio> screens) {
        return run(openTerminal(), options, screens);
    }

    private static Terminal openTerminal() {
        Terminal terminal;
        try {
            DefaultTerminalFactory factory = new DefaultTerminalFactory(System.out, System.in, StandardCharsets.UTF_8);
            factory.setForceTextTerminal(true);
            terminal = factory.createTerminal();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("no terminal to draw on (" + e.getMessage() + "); run it in a terminal "
                    + "(ssh -t, tmux, or docker exec -it), or use the line console: danlu console DIR", e);
        }
        return terminal;
    }

    /** Runs the studio on a given terminal (tests pass a virtual one) and restores it however it ends. */
    static int run(Terminal terminal, TuiOptions options, Consumer<Studio> screens) {
        AtomicReference<StudioSession> session = new AtomicReference<>();
        Thread restore = new Thread(() -> closeQuietly(session.get()), "danlu-restore-terminal");
        Runtime.getRuntime().addShutdownHook(restore);
        try {
            StudioSession s = new StudioSession(terminal, options, screens);
            session.set(s);
            s.loop();
            return 0;
        } catch (Exception | Error e) {
            closeQuietly(session.getAndSet(null));
            resetTerminal(terminal);
            Path log = crashLog(e);
            System.err.println("danlu open: the studio stopped: " + e + (log == null ? "" : " (details in " + log + ")"));
            return 1;
        } finally {
            closeQuietly(session.getAndSet(null));
            try {
                Runtime.getRuntime().removeShutdownHook(restore);
            } catch (IllegalStateException shuttingDown) {
                // The hook is already running; it restores the terminal.
            }
        }
    }

    private static synchronized void closeQuietly(StudioSession s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException | RuntimeException e) {
                // Nothing more we can do for a terminal that is already gone.
            }
        }
    }

    /** Belt and braces when the session never started: leave private mode, show the cursor. */
    private static void resetTerminal(Terminal t) {
        try {
            t.exitPrivateMode();
        } catch (IOException | RuntimeException ignored) {
            // Not in private mode.
        }
        try {
            t.setCursorVisible(true);
            t.resetColorAndSGR();
            t.flush();
        } catch (IOException | RuntimeException ignored) {
            // Terminal closed.
        }
    }

    private static Path crashLog(Throwable e) {
        try {
            Path dir = org.danlu.app.tui.state.ConfigDir.get();
            Files.createDirectories(dir);
            Path log = dir.resolve("crash.log");
            StringWriter w = new StringWriter();
            e.printStackTrace(new PrintWriter(w));
            Files.writeString(log, w.toString(), StandardCharsets.UTF_8);
            return log;
        } catch (IOException io) {
            return null;
        }
    }
}
