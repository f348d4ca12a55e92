package org.danlu.engine.run;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One run's directory, {@code <workspace>/runs/<run-id>/}, and where each part of it lives.
 * See DESIGN.md "Engine and UI talk through a run directory".
 */
public record RunDir(Path path) {

    /** The folder under a workspace that holds the runs. */
    public static final String RUNS = "runs";

    public RunDir {
        path = path.toAbsolutePath().normalize();
    }

    public String id() { return path.getFileName().toString(); }
    public Path configFile() { return path.resolve("config.toml"); }
    public Path eventsFile() { return path.resolve("events.jsonl"); }
    public Path controlDir() { return path.resolve("control"); }
    public Path samplesDir() { return path.resolve("samples"); }
    public Path outputDir() { return path.resolve("output"); }
    public Path stateDir() { return path.resolve("state"); }
    public Path trainerLog() { return path.resolve("trainer.log"); }
    /** Held by the training process: its pid and start time (see {@link TrainerLock}). */
    public Path lockFile() { return path.resolve("trainer.lock"); }
    /** Written by {@link Launcher}: the pid it started, so a watcher knows a trainer is coming. */
    public Path launchFile() { return path.resolve("trainer.pid"); }

    public static Path runsDir(Path workspace) {
        return workspace.resolve(RUNS);
    }

    /**
     * Creates a new run directory with its sub-folders and, when {@code configToml} is not null,
     * {@code config.toml}. A second run with the same name in the same second gets {@code -2},
     * {@code -3}, ... (directory creation is atomic, so two launchers never share a directory).
     */
    public static RunDir create(Path workspace, String name, String configToml, Clock clock) throws IOException {
        Path runs = runsDir(workspace);
        Files.createDirectories(runs);
        String base = RunId.of(LocalDateTime.now(clock), name);
        Path dir = null;
        for (int n = 1; dir == null; n++) {
            Path candidate = runs.resolve(n == 1 ? base : base + "-" + n);
            try {
                dir = Files.createDirectory(candidate);
            } catch (FileAlreadyExistsException e) {
                if (n > 1000) {
                    throw new IOException("cannot create a run directory in " + runs + ": " + base + " is taken 1000 times");
                }
            }
        }
        RunDir run = new RunDir(dir);
        for (Path sub : List.of(run.controlDir(), run.samplesDir(), run.outputDir(), run.stateDir())) {
            Files.createDirectories(sub);
        }
        if (configToml != null) {
            AtomicFile.write(run.configFile(), configToml.getBytes(StandardCharsets.UTF_8));
        }
        return run;
    }

    public static RunDir create(Path workspace, String name, String configToml) throws IOException {
        return create(workspace, name, configToml, Clock.systemDefaultZone());
    }

    /** Every run directory in the workspace, oldest first (ids sort by start time). */
    public static List<RunDir> list(Path workspace) throws IOException {
        Path runs = runsDir(workspace);
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(runs)) {
            return s.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .map(RunDir::new)
                    .toList();
        }
    }

    /**
     * Finds a run by what a user types: {@code latest}, an exact id, a unique id prefix, a run name
     * (the latest run with that name), or a path to a run directory.
     */
    public static RunDir open(Path workspace, String query) throws IOException {
        Path asPath = Path.of(query);
        if ((query.contains("/") || asPath.isAbsolute()) && Files.isDirectory(asPath)) {
            return new RunDir(asPath);
        }
        List<RunDir> runs = list(workspace);
        if (runs.isEmpty()) {
            throw new NoSuchFileException(runsDir(workspace).toAbsolutePath().toString(),
                    null, "no runs in this workspace; pass --workspace DIR (the folder that holds runs/)");
        }
        if (query.equals("latest")) {
            return runs.get(runs.size() - 1);
        }
        List<RunDir> prefixed = new ArrayList<>();
        RunDir byName = null;
        for (RunDir r : runs) {
            if (r.id().equals(query)) {
                return r;
            }
            if (r.id().startsWith(query)) {
                prefixed.add(r);
            }
            if (RunId.namePart(r.id()).equals(RunId.slug(query))) {
                byName = r;
            }
        }
        if (prefixed.size() == 1) {
            return prefixed.get(0);
        }
        if (prefixed.size() > 1) {
            throw new IllegalArgumentException("'" + query + "' matches " + prefixed.size() + " runs ("
                    + prefixed.get(0).id() + ", " + prefixed.get(1).id() + ", ...); give more of the id");
        }
        if (byName != null) {
            return byName;
        }
        throw new IllegalArgumentException("no run '" + query + "' in " + runsDir(workspace).toAbsolutePath()
                + "; `danlu runs` lists them (latest: " + runs.get(runs.size() - 1).id() + ")");
    }

    /**
     * Deletes this run directory and everything in it (its LoRA files too; a UI confirms first).
     * Refuses while a trainer for it is alive: stop the run first.
     */
    public void delete() throws IOException {
        if (RunWatch.trainerAlive(this)) {
            throw new IllegalStateException("run " + id() + " is still training; stop it first (touch "
                    + controlDir().resolve("stop") + ") and delete it when it has ended");
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The last {@code lines} lines of {@code trainer.log} (empty when there is none). */
    public List<String> trainerLogTail(int lines) throws IOException {
        Path log = trainerLog();
        if (!Files.exists(log)) {
            return List.of();
        }
        // Read only the end: a long run's log may be large.
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long len = f.length();
            int want = (int) Math.min(len, 64L * 1024);
            byte[] buf = new byte[want];
            f.seek(len - want);
            f.readFully(buf);
            String text = new String(buf, StandardCharsets.UTF_8);
            List<String> all = new ArrayList<>(List.of(text.split("\r?\n")));
            if (want < len && !all.isEmpty()) {
                all.remove(0); // probably cut in the middle
            }
            while (!all.isEmpty() && all.get(all.size() - 1).isBlank()) {
                all.remove(all.size() - 1);
            }
            return List.copyOf(all.subList(Math.max(0, all.size() - lines), all.size()));
        }
    }
}
