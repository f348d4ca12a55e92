package org.danlu.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.danlu.engine.model.CheckpointSummary;
import org.danlu.engine.model.load.Checkpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code danlu model info PATH}: architecture, parameters per model, dtypes, config source, anything odd. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Describe a checkpoint without loading it: layout, architecture (SD1.x / SD2.x / SDXL),"
                + " parameters and dtypes per model, where the configs came from, and anything odd (unexpected,"
                + " missing or mis-shaped keys, guesses).",
            "Exit code 0 when the checkpoint can be used as it is, 1 when something is odd or unsupported."})
public final class ModelInfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATH", description = "a diffusers folder or a single .safetensors checkpoint")
    Path path;

    @Option(names = "--config", paramLabel = "DIR",
            description = "a diffusers folder whose <model>/config.json files describe a single-file checkpoint")
    Path configFolder;

    @Option(names = "--json", description = "print the report as one JSON object")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        CheckpointSummary s;
        try (Checkpoint c = Checkpoint.open(path, configFolder)) {
            s = CheckpointSummary.of(c);
        }
        if (json) {
            out.println(s.toJson());
            return s.odd() ? 1 : 0;
        }
        out.printf("path          %s%n", s.path());
        out.printf("layout        %s%n", s.layout());
        out.printf("architecture  %s%s%n", s.architecture(), s.supported() ? "" : " (not yet supported)");
        out.printf("prediction    %s%n", s.predictionType());
        out.printf("configs       %s%n", s.configSource());
        if (s.models().isEmpty()) {
            s.rawGroups().forEach((g, n) -> out.printf("  %-28s %,15d parameters%n", g, n));
        }
        for (CheckpointSummary.ModelSummary m : s.models()) {
            out.printf("  %-13s %,13d parameters  %4d tensors  %s%n", m.name(), m.parameters(), m.tensors(), String.join("+", m.dtypes()));
        }
        if (!s.models().isEmpty()) {
            out.printf("  %-13s %,13d parameters%n", "total", s.totalParameters());
        }
        if (s.ignoredTensors() > 0) {
            out.printf("ignored       %d tensors (EMA copies, schedule buffers, position_ids, unused layers)%n", s.ignoredTensors());
        }
        s.notes().forEach(n -> out.println("note          " + n));
        if (!s.unexpectedKeys().isEmpty()) {
            out.printf("unexpected    %d keys of no model: %s%s%n", s.unexpectedKeys().size(),
                    String.join(", ", s.unexpectedKeys().subList(0, Math.min(5, s.unexpectedKeys().size()))),
                    s.unexpectedKeys().size() > 5 ? ", ..." : "");
        }
        s.keyProblems().forEach(p -> out.println("keys          " + p.replace("\n", "\n              ")));
        return s.odd() ? 1 : 0;
    }
}
