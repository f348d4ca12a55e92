package org.danlu.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.danlu.app.console.ConsoleSession;
import org.danlu.app.console.LineConsole;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code danlu console [DIR]}: line-mode caption cleanup with the studio's {@code :} commands. */
@Command(name = "console", description = {"Line console for quick caption cleanup: the studio's ':' commands",
        "(replace, add, remove, undo, redo, list ...) with tab completion of commands and tags, and history."})
public final class ConsoleCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "DIR", description = "dataset root (default: the last one opened)")
    Path dir;

    @Override
    public Integer call() throws IOException {
        Path root = dir != null ? dir : LastDataset.read().orElseThrow(() -> new IllegalArgumentException(
                "no dataset given and none opened before; usage: danlu console DIR"));
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(root + " is not a folder; give the dataset root");
        }
        ConsoleSession session = new ConsoleSession(root);
        LastDataset.remember(root);
        try (Terminal terminal = TerminalBuilder.builder().name("danlu").encoding(java.nio.charset.StandardCharsets.UTF_8)
                .build()) {
            return LineConsole.run(terminal, session, LastDataset.configDir().resolve("console_history"));
        }
    }
}
