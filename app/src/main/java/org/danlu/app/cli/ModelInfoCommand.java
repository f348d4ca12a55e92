package org.danlu.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.danlu.engine.model.load.Checkpoint;
import org.danlu.engine.model.load.Component;
import org.danlu.engine.model.load.ComponentWeights;
import org.danlu.engine.model.load.Layout;
import org.danlu.engine.tensor.DType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

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

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Checkpoint c = Checkpoint.open(path, configFolder)) {
            ModelFitCheck.Result fit = ModelFitCheck.check(c);
            out.printf("path          %s%n", c.path());
            out.printf("layout        %s%n", c.layout() == Layout.DIFFUSERS_FOLDER ? "diffusers folder" : "single file (LDM names)");
            out.printf("architecture  %s%s%n", c.architecture().display(), c.architecture().supported() ? "" : " (not yet supported)");
            out.printf("prediction    %s%n", c.predictionType());
            out.printf("configs       %s%n", c.configSource().describe());
            if (c.components().isEmpty()) {
                c.rawGroups().forEach((g, n) -> out.printf("  %-28s %,15d parameters%n", g, n));
            }
            long total = 0;
            for (Component comp : Component.values()) {
                ComponentWeights w = c.components().get(comp);
                if (w == null) {
                    continue;
                }
                total += w.parameterCount();
                out.printf("  %-13s %,13d parameters  %4d tensors  %s%n", comp.folder(), w.parameterCount(),
                        w.tensors().size(), dtypes(w.dtypes()));
            }
            if (!c.components().isEmpty()) {
                out.printf("  %-13s %,13d parameters%n", "total", total);
            }
            if (c.ignoredCount() > 0) {
                out.printf("ignored       %d tensors (EMA copies, schedule buffers, position_ids, unused layers)%n", c.ignoredCount());
            }
            boolean odd = !c.architecture().supported() || !c.notes().isEmpty() || !c.unexpected().isEmpty() || !fit.clean();
            for (String n : c.notes()) {
                out.println("note          " + n);
            }
            if (!c.unexpected().isEmpty()) {
                out.printf("unexpected    %d keys of no model: %s%n", c.unexpected().size(),
                        c.unexpected().stream().limit(5).collect(Collectors.joining(", ")) + (c.unexpected().size() > 5 ? ", ..." : ""));
            }
            for (String line : fit.lines()) {
                out.println(line);
            }
            return odd ? 1 : 0;
        }
    }

    private static String dtypes(Map<DType, Long> d) {
        return d.keySet().stream().map(DType::name).collect(Collectors.joining("+"));
    }
}
