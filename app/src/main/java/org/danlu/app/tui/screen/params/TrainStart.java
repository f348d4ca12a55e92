package org.danlu.app.tui.screen.params;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.danlu.engine.config.ConfigFileWriter;
import org.danlu.engine.config.TrainConfig;
import org.danlu.engine.dataset.AtomicFile;
import org.danlu.engine.run.LaunchSpec;
import org.danlu.engine.run.Launcher;
import org.danlu.engine.run.RunDir;

/**
 * Starts a run from the Params screen: a new run directory, its {@code config.toml} (the edited
 * configuration with absolute paths, the LoRA written to the run's {@code output/}), and the
 * trainer launched detached through the engine's {@link Launcher}, so closing the studio never
 * stops it.
 */
final class TrainStart {
    /**
     * The trainer command, as {@code danlu train --detach} launches it (wt/trainer's TrainCommand):
     * {@code danlu train --config <run>/config.toml --run-dir <run> --base-dir <workspace>} in a new
     * JVM with this one's class path; relative paths in the config resolve against the workspace.
     */
    static final Function<RunDir, LaunchSpec> DANLU_TRAIN = run -> LaunchSpec.of("org.danlu.app.cli.Main",
            List.of("train", "--config", run.configFile().toString(), "--run-dir", run.path().toString(),
                    "--base-dir", run.path().getParent().getParent().toString()));

    private TrainStart() {
    }

    /** The configuration as written into the run: output into the run folder, dataset path absolute. */
    static TrainConfig forRun(TrainConfig cfg, RunDir run, Path baseDir) {
        TrainConfig out = cfg.with("output_dir", run.outputDir().toString());
        if (!cfg.isSet("output_name")) {
            out = out.with("output_name", runName(cfg));
        }
        String data = cfg.trainDataDir();
        if (data != null) {
            out = out.with("train_data_dir", baseDir.resolve(data).toAbsolutePath().normalize().toString());
        }
        return out;
    }

    static String runName(TrainConfig cfg) {
        String n = cfg.outputName();
        return n == null || n.isBlank() ? "lora" : n;
    }

    /** Creates the run, writes its config and launches the trainer; returns the run (worker thread). */
    static RunDir launch(Path workspace, TrainConfig cfg, Path baseDir, Function<RunDir, LaunchSpec> trainer)
            throws IOException {
        RunDir run = RunDir.create(workspace, runName(cfg), null);
        String toml = ConfigFileWriter.write(forRun(cfg, run, baseDir),
                List.of("Written by the Danlu studio for run " + run.id() + "."));
        AtomicFile.write(run.configFile(), toml.getBytes(StandardCharsets.UTF_8));
        Launcher.launch(run, trainer.apply(run));
        return run;
    }
}
