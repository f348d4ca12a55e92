package org.danlu.engine.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The control channel of a run: command files in {@code control/}.
 *
 * <p>UI side: {@link #send} writes {@code <millis>-<pid>-<seq>-<command>.cmd} by temp file and rename,
 * so the trainer never sees a half-written file. From a shell, {@code touch control/stop} works too:
 * the command is the last {@code -}-separated word of the file name, {@code .cmd} optional.
 *
 * <p>Trainer side: {@link #poll} takes every command file in order (modification time, then name),
 * deletes it and returns it; {@link ControlLoop} turns them into actions and acknowledgements.
 * Files whose names start with a dot are temp files and are left alone.
 */
public final class Control {
    private static final AtomicLong SEQ = new AtomicLong();

    /** One consumed command file; {@code command} is null when the name is not a known command. */
    public record Request(String word, ControlCommand command, String fileName) {}

    private final Path dir;

    public Control(RunDir run) {
        this(run.controlDir());
    }

    public Control(Path controlDir) {
        this.dir = controlDir;
    }

    /** Drops a command for the trainer; returns the file written. */
    public Path send(ControlCommand command) throws IOException {
        Files.createDirectories(dir);
        String name = String.format("%013d-%d-%06d-%s.cmd", System.currentTimeMillis(),
                ProcessHandle.current().pid(), SEQ.incrementAndGet(), command.wire());
        Path target = dir.resolve(name);
        String body = "{\"command\":\"" + command.wire() + "\",\"t\":" + System.currentTimeMillis()
                + ",\"pid\":" + ProcessHandle.current().pid() + "}\n";
        AtomicFile.write(target, body.getBytes(StandardCharsets.UTF_8));
        return target;
    }

    /** Command files not yet consumed, in the order {@link #poll} would take them. */
    public List<Path> pending() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        record Entry(Path path, FileTime mtime) {}
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.getFileName().toString().startsWith(".") || !Files.isRegularFile(p)) {
                    continue;
                }
                try {
                    entries.add(new Entry(p, Files.getLastModifiedTime(p)));
                } catch (NoSuchFileException gone) {
                    // consumed meanwhile
                }
            }
        }
        entries.sort(Comparator.comparing(Entry::mtime).thenComparing(e -> e.path().getFileName().toString()));
        return entries.stream().map(Entry::path).toList();
    }

    /** Trainer side: consumes (deletes) every pending command file and returns them in order. */
    public List<Request> poll() throws IOException {
        List<Request> out = new ArrayList<>();
        for (Path p : pending()) {
            try {
                Files.delete(p);
            } catch (NoSuchFileException gone) {
                continue;
            }
            String file = p.getFileName().toString();
            String word = commandWord(file);
            out.add(new Request(word, ControlCommand.parse(word).orElse(null), file));
        }
        return out;
    }

    static String commandWord(String fileName) {
        String base = fileName.endsWith(".cmd") ? fileName.substring(0, fileName.length() - 4) : fileName;
        int dash = base.lastIndexOf('-');
        return (dash >= 0 ? base.substring(dash + 1) : base).strip().toLowerCase(java.util.Locale.ROOT);
    }
}
