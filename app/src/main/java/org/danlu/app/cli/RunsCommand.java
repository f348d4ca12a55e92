package org.danlu.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.danlu.engine.run.ProgressLine;
import org.danlu.engine.run.RunDir;
import org.danlu.engine.run.RunSummary;
import org.danlu.engine.run.RunWatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code danlu runs}: one row per run in the workspace, oldest first. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "List the training runs in a workspace: id, name, status, step/total, last loss, started, duration.")
final class RunsCommand implements Callable<Integer> {
    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @Spec CommandSpec spec;

    @Option(names = "--workspace", paramLabel = "DIR", defaultValue = ".",
            description = "Folder that holds runs/ (default: the current directory).")
    Path workspace;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<RunDir> runs = RunDir.list(workspace);
        if (runs.isEmpty()) {
            out.println("No runs in " + RunDir.runsDir(workspace).toAbsolutePath().normalize() + ".");
            out.flush();
            return 0;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "NAME", "STATUS", "STEP", "LOSS", "STARTED", "DURATION"});
        long now = System.currentTimeMillis();
        for (RunDir run : runs) {
            RunSummary s = RunWatch.read(run);
            rows.add(new String[] {
                run.id(),
                s.nameOr(run.id()),
                s.status().label(),
                s.step() + "/" + (s.totalSteps() > 0 ? s.totalSteps() : "?"),
                ProgressLine.number(s.lastLoss()),
                s.startedMillis() == 0 ? "-" : STARTED.format(Instant.ofEpochMilli(s.startedMillis()).atZone(ZoneId.systemDefault())),
                s.startedMillis() == 0 ? "-" : ProgressLine.duration(s.durationMillis(now)),
            });
        }
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(i == r.length - 1 ? r[i] : String.format("%-" + width[i] + "s  ", r[i]));
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
        return 0;
    }
}
