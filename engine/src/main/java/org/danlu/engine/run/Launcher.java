package org.danlu.engine.run;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts a trainer as its own detached process and returns at once.
 *
 * <p>Detached means: closing the UI, killing tmux or losing SSH never stops training. On Linux the
 * trainer runs under {@code setsid} (a new session and process group, no controlling terminal, so
 * neither a SIGHUP to the launcher's group nor the terminal hanging up reaches it). Without
 * {@code setsid} (e.g. macOS) it falls back to {@code nohup}, which ignores SIGHUP but stays in the
 * launcher's process group. stdin is {@code /dev/null}; stdout and stderr are appended to
 * {@code trainer.log}. The started pid is written to {@code trainer.pid} so watchers can tell a
 * trainer that is still starting from one that died.
 */
public final class Launcher {

    /** How the child is detached. */
    public enum Detach { SETSID, NOHUP }

    /** A started trainer: the process (pid + start time) and the exact command line. */
    public record Launched(RunDir run, ProcessId process, List<String> command, Detach detach) {}

    private Launcher() {}

    /** Launches with {@code setsid} when it is on the PATH, else {@code nohup}. */
    public static Launched launch(RunDir run, LaunchSpec spec) throws IOException {
        return launch(run, spec, findOnPath("setsid").isPresent() ? Detach.SETSID : Detach.NOHUP);
    }

    public static Launched launch(RunDir run, LaunchSpec spec, Detach detach) throws IOException {
        String tool = detach == Detach.SETSID ? "setsid" : "nohup";
        Path toolPath = findOnPath(tool).orElseThrow(() -> new IOException(
                "cannot detach the trainer: '" + tool + "' is not on the PATH (install coreutils/util-linux)"));
        List<String> command = new ArrayList<>();
        command.add(toolPath.toString());
        command.addAll(spec.command());

        Files.createDirectories(run.path());
        // A header per launch, so a resumed run's log shows where each process began.
        Files.writeString(run.trainerLog(), "== " + Instant.now() + " launching: " + spec.describe()
                        + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);

        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(run.path().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(run.trainerLog().toFile()))
                .redirectErrorStream(true);
        pb.environment().put("DANLU_RUN_DIR", run.path().toString());
        // setsid execs in place (the JVM's child is not a group leader, so it need not fork):
        // the pid we get is the trainer's own.
        Process p = pb.start();
        ProcessId pid = ProcessId.of(p.toHandle());
        AtomicFile.write(run.launchFile(), pid.toJson().getBytes(StandardCharsets.UTF_8));
        return new Launched(run, pid, List.copyOf(command), detach);
    }

    /** The first executable {@code name} on the PATH. */
    public static Optional<Path> findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
