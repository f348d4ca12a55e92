package org.danlu.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.danlu.engine.run.Event;
import org.danlu.engine.run.LaunchSpec;
import org.danlu.engine.run.Launcher;
import org.danlu.engine.run.RunDir;
import org.danlu.engine.run.RunStatus;
import org.danlu.engine.run.RunSummary;
import org.danlu.engine.run.RunWatch;
import org.danlu.engine.train.sample.SamplerHook;
import org.danlu.engine.train.TrainRequest;
import org.danlu.engine.train.TrainRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code danlu train}: trains a LoRA from a kohya config in a new run directory, in the foreground with a progress
 * line, or detached ({@code --detach}) as its own process that the UI or {@code danlu monitor} attaches to.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a LoRA from a kohya sd-scripts config (--config_file TOML, flat keys) and optional",
            "--dataset_config. Creates WORKSPACE/runs/<id>/ (events.jsonl, output/, state/) and trains in the",
            "foreground with a progress line; --detach starts the trainer as its own process and returns.",
            "Exit codes: 0 done, 3 stopped, 1 failed, 2 bad input."})
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"--config", "--config_file"}, required = true, paramLabel = "FILE", description = "training config (TOML)")
    Path config;

    @Option(names = "--dataset_config", paramLabel = "FILE", description = "dataset config (TOML); else the config's dataset_config or train_data_dir")
    Path datasetConfig;

    @Option(names = "--workspace", paramLabel = "DIR", defaultValue = ".", description = "where runs/ lives (default: the current directory)")
    Path workspace;

    @Option(names = "--detach", description = "start the trainer as its own process (survives logout) and return")
    boolean detach;

    @Option(names = "--lines", description = "one progress line per update instead of one updating line")
    boolean lines;

    /** Internal: the detached trainer attaches to the run its launcher created, resolving paths from there. */
    @Option(names = "--run-dir", hidden = true)
    Path runDir;

    @Option(names = "--base-dir", hidden = true)
    Path baseDir;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path base = (baseDir != null ? baseDir : Path.of("")).toAbsolutePath();
        TrainRequest request = TrainRequest.read(base.resolve(config), datasetConfig, base);
        if (runDir != null) {
            // the detached trainer: events go to the run, its output to trainer.log
            return exitCode(TrainRun.run(new RunDir(runDir.toAbsolutePath()), request, SamplerHook.FACTORY, null));
        }
        RunDir run = TrainRun.create(workspace.toAbsolutePath(), request);
        if (detach) {
            Launcher.Launched l = launchDetached(run, base.resolve(config), datasetConfig == null ? null : base.resolve(datasetConfig), base);
            out.printf("started run %s (pid %d) in %s%nwatch it: ./danlu monitor %s%n", run.id(), l.process().pid(),
                    run.path(), run.id());
            out.flush();
            return 0;
        }
        return foreground(run, request, out, lines);
    }

    /**
     * Starts the trainer for {@code run} as its own process (new session, output to trainer.log): this command
     * again, with the hidden --run-dir/--base-dir options that make it train into the existing run.
     */
    static Launcher.Launched launchDetached(RunDir run, Path config, Path datasetConfig, Path base) throws IOException {
        List<String> args = new ArrayList<>(List.of("train", "--config", config.toString(),
                "--run-dir", run.path().toString(), "--base-dir", base.toString()));
        if (datasetConfig != null) {
            args.addAll(List.of("--dataset_config", datasetConfig.toString()));
        }
        return Launcher.launch(run, LaunchSpec.of(Main.class.getName(), args));
    }

    /**
     * Trains in this process while a watch on the run's events prints them, as {@code danlu monitor} does.
     * (When the studio exists, this is where it opens instead of the line progress.)
     */
    static int foreground(RunDir run, TrainRequest request, PrintWriter out, boolean lines) throws Exception {
        out.printf("run %s in %s%n", run.id(), run.path());
        request.warnings().forEach(w -> out.println("warning: " + w));
        out.flush();
        boolean live = !lines && System.console() != null;
        MonitorCommand.Printer printer = new MonitorCommand.Printer(run, out, live, 0,
                live ? MonitorCommand.terminalWidth() : 200);
        // The trainer runs on this thread and hands each event to the printer as it writes it (a watch on the file
        // would look for a trainer process, and this one is ourselves).
        RunSummary[] summary = {RunSummary.empty()};
        Event.End.Status status = TrainRun.run(run, request, SamplerHook.FACTORY, e -> {
            summary[0] = summary[0].apply(e);
            printer.onEvent(e, summary[0]);
        });
        printer.onFinished(RunWatch.read(run), List.of());
        return exitCode(status);
    }

    static int exitCode(Event.End.Status s) {
        return switch (s) {
            case DONE -> RunStatus.DONE.exitCode();
            case STOPPED -> RunStatus.STOPPED.exitCode();
            case FAILED -> RunStatus.FAILED.exitCode();
        };
    }
}
