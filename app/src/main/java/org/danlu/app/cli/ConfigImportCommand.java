package org.danlu.app.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.danlu.engine.config.ConfigFileReader;
import org.danlu.engine.config.ConfigFileWriter;
import org.danlu.engine.config.ConfigIssue;
import org.danlu.engine.config.ConfigValidator;
import org.danlu.engine.config.GuiJsonImport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code danlu config import GUI.json -o out.toml}: a kohya_ss GUI config as a kohya --config_file. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import a kohya_ss GUI JSON config (LoRA tab) as a kohya --config_file TOML.",
            "Prints what was mapped, what was left out (GUI-only keys) and the findings of `config check`."})
final class ConfigImportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "GUI.json", description = "the kohya_ss GUI JSON file")
    Path json;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.toml", description = "the TOML file to write")
    Path output;

    @Option(names = "--force", description = "overwrite OUT.toml if it exists")
    boolean force;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (Files.exists(output) && !force) {
            throw new IllegalArgumentException(output + " exists: choose another -o file, or add --force to overwrite it");
        }
        GuiJsonImport.Result r = GuiJsonImport.read(json);
        List<String> header = new ArrayList<>(List.of("kohya sd-scripts --config_file, imported by Danlu from "
                + json.getFileName()));
        if (!r.notImported().isEmpty()) {
            header.add("kohya_ss GUI keys not imported (no sd-scripts option): " + String.join(", ", r.notImported()));
        }
        String toml = ConfigFileWriter.write(r.config(), header);
        Path tmp = Files.createTempFile(output.toAbsolutePath().getParent(), ".danlu-import", ".toml");
        Files.writeString(tmp, toml, StandardCharsets.UTF_8);
        Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        for (String n : r.notes()) {
            out.println("mapped: " + n);
        }
        if (!r.notImported().isEmpty()) {
            out.println("not imported (kohya_ss GUI only): " + String.join(", ", r.notImported()));
        }
        // Checked as written, so that findings point at lines of the new file.
        List<ConfigIssue> issues = ConfigValidator.validate(ConfigFileReader.read(output), Path.of(""));
        for (ConfigIssue i : issues) {
            out.println(i);
        }
        out.printf("wrote %s (%d options)%n", output, r.config().entries().size());
        out.flush();
        return 0;
    }
}
