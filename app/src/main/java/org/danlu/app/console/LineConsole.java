package org.danlu.app.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * {@code danlu console DIR}: a JLine line editor over a {@link ConsoleSession}, with completion of
 * command names, options and the dataset's tags (quoted when they hold spaces), and a history kept
 * between sessions. Never runs while the Lanterna studio owns the terminal.
 */
public final class LineConsole {
    private LineConsole() {
    }

    /** Runs the loop until {@code quit} or end of input; returns the exit code. */
    public static int run(Terminal terminal, ConsoleSession session, Path historyFile) {
        LineReaderBuilder b = LineReaderBuilder.builder().terminal(terminal).completer(completer(session));
        if (historyFile != null) {
            try {
                Files.createDirectories(historyFile.getParent());
                b.variable(LineReader.HISTORY_FILE, historyFile);
            } catch (IOException e) {
                terminal.writer().println("(history not kept: " + e.getMessage() + ")");
            }
        }
        LineReader reader = b.build();
        var out = terminal.writer();
        out.println(session.summary());
        out.println("Commands: " + String.join(", ", TagCommand.NAMES) + ", quit. Tab completes commands and tags.");
        while (true) {
            String line;
            try {
                line = reader.readLine("danlu> ");
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException e) {
                break;
            }
            String t = line.trim();
            if (t.equals("quit") || t.equals("exit") || t.equals("q")) {
                break;
            }
            session.execute(t).forEach(out::println);
            out.flush();
        }
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            out.println("(history not saved: " + e.getMessage() + ")");
        }
        out.flush();
        return 0;
    }

    /** Commands in first position; tags and options after, tags re-read so new ones complete too. */
    static Completer completer(ConsoleSession session) {
        return (reader, line, candidates) -> {
            if (line.wordIndex() == 0) {
                for (String c : TagCommand.NAMES) {
                    candidates.add(new Candidate(c));
                }
                candidates.add(new Candidate("quit"));
                return;
            }
            List<String> words = new ArrayList<>(Completion.OPTIONS);
            for (String tag : session.tags()) {
                words.add(tag.contains(" ") || tag.contains(",") ? "\"" + tag + "\"" : tag);
            }
            words.forEach(w -> candidates.add(new Candidate(w, w, null, null, null, null, true)));
        };
    }
}
