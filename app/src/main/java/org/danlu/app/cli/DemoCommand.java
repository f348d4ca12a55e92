package org.danlu.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.danlu.app.tui.DatasetStudio;
import org.danlu.app.tui.TrainingScreens;
import org.danlu.app.tui.TuiApp;
import org.danlu.engine.run.RunDir;
import org.danlu.engine.train.DemoProject;
import org.danlu.engine.train.TrainRequest;
import org.danlu.engine.train.TrainRun;
import org.danlu.engine.dataset.DatasetScan;
import org.danlu.engine.dataset.DatasetScanner;
import org.danlu.engine.dataset.SampleDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code danlu demo}: writes the generated sample dataset, a tiny SD-shaped model and a train.toml (each once),
 * shows the scan, then trains a LoRA for a short CPU run into DIR/runs/&lt;id&gt;/: in a terminal, detached with the
 * studio open on it; with --headless (or no terminal), in the foreground with progress lines.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Generate a small sample kohya dataset (drawn shapes and patterns with tag captions and",
            "a few deliberate lint problems) under DIR/train, a tiny random SD-shaped model under DIR/model and",
            "DIR/train.toml, show the scan, then train a LoRA on the CPU for a short run (about a minute) into",
            "DIR/runs/<id>/. Existing files are never overwritten: what DIR already has is used as it is."})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "danlu-demo",
            description = "where to put the demo (default ./${DEFAULT-VALUE})")
    Path dir;

    @Option(names = "--seed", defaultValue = "42", description = "drawing seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--headless", description = "train in the foreground with progress lines, no studio (for CI and scripts)")
    boolean headless;

    @Option(names = "--no-train", description = "only generate and scan; do not train")
    boolean noTrain;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        SampleDataset.Result r = SampleDataset.generate(dir.resolve("train"), seed);
        if (r.created()) {
            out.printf("Generated the sample dataset: %d files under %s%n%n", r.files().size(), r.dir());
        } else {
            out.printf("%s already has files; scanning them as they are (delete it for a fresh demo)%n%n", r.dir());
        }
        DatasetScan scan = new DatasetScanner().scan(dir);
        ScanReport.text(scan, out);
        if (scan.hasErrors()) {
            out.flush();
            return 1;
        }
        if (noTrain) {
            out.printf("%nNext: ./danlu tags %s list    ./danlu tags %s dedupe    ./danlu tags %s undo%n", dir, dir, dir);
            out.flush();
            return 0;
        }
        // The demo's tensors are tiny: one torch thread is as fast, and does not spin on a busy machine.
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        Path model = DemoProject.model(dir, seed);
        Path config = DemoProject.config(dir, model, dir.resolve("train"));
        out.printf("%nTraining a LoRA on the tiny model in %s (config %s)%n", model, config);
        out.flush();
        Path base = Path.of("").toAbsolutePath();
        TrainRequest request = TrainRequest.read(config, null, base);
        RunDir run = TrainRun.create(dir.toAbsolutePath(), request);
        if (!headless && System.console() != null) {
            return studio(run, config, base, out);
        }
        int code = TrainCommand.foreground(run, request, out, headless);
        out.printf("%nNext: ./danlu runs --workspace %s    ./danlu tags %s list%n", dir, dir);
        out.flush();
        return code;
    }

    /**
     * The interactive demo: the run trains as its own process (so quitting the studio, or losing SSH, does not stop
     * it) and the studio opens on the demo dataset with the Train screen watching the run.
     */
    private int studio(RunDir run, Path config, Path base, PrintWriter out) throws Exception {
        TrainCommand.launchDetached(run, config.toAbsolutePath(), null, base);
        Path abs = dir.toAbsolutePath().normalize();
        LastDataset.remember(abs);
        int code = TuiApp.run(OpenCommand.options(abs, null, null, false, null),
                DatasetStudio.screens(abs, abs, (studio, training) -> {
                    training.train().attach(run);
                    studio.show(TrainingScreens.TRAIN);
                }));
        out.printf("The run goes on in the background: ./danlu monitor %s --workspace %s   (reopen: ./danlu open %s)%n",
                run.id(), dir, dir);
        out.flush();
        return code;
    }
}
