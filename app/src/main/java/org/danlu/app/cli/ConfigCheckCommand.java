package org.danlu.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.danlu.engine.config.ConfigFile;
import org.danlu.engine.config.ConfigFileReader;
import org.danlu.engine.config.ConfigGroup;
import org.danlu.engine.config.ConfigIssue;
import org.danlu.engine.config.ConfigKey;
import org.danlu.engine.config.ConfigKeys;
import org.danlu.engine.config.ConfigValidator;
import org.danlu.engine.config.TomlValues;
import org.danlu.engine.config.TrainConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code danlu config check FILE}: the findings, then the effective configuration. Exit 1 on errors. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check a kohya --config_file TOML: syntax (file:line:column), values, combinations.",
            "Prints the findings, then the effective configuration (values set, and kohya's defaults).",
            "Exit code 0: no errors (warnings allowed); 1: errors found."})
final class ConfigCheckCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the TOML file (.toml is added when missing, as kohya does)")
    Path file;

    @Option(names = "--base", paramLabel = "DIR",
            description = "directory relative paths in the file are resolved against (default: the current directory, as kohya)")
    Path base;

    @Option(names = "--quiet", description = "print only the findings")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ConfigFile f = ConfigFileReader.read(file);
        List<ConfigIssue> issues = ConfigValidator.validate(f, base == null ? Path.of("") : base);
        long errors = issues.stream().filter(ConfigIssue::isError).count();
        for (ConfigIssue i : issues) {
            out.println(i);
        }
        out.printf("%s: %d error(s), %d warning(s)%n", f.source(), errors, issues.size() - errors);
        if (!quiet) {
            out.println();
            printEffective(out, f.config());
        }
        out.flush();
        return errors > 0 ? 1 : 0;
    }

    /** Every option that is set or has a kohya default, by group; defaults marked. */
    static void printEffective(PrintWriter out, TrainConfig c) {
        out.println("# effective configuration (\"# default\" = not set, kohya's default applies)");
        ConfigGroup current = null;
        for (ConfigKey k : ConfigKeys.all()) {
            Object v = c.get(k.name());
            if (v == null) {
                continue;
            }
            if (k.group() != current) {
                current = k.group();
                out.println("# -- " + current.name().toLowerCase());
            }
            out.println(k.name() + " = " + TomlValues.format(v) + (c.isSet(k.name()) ? "" : "   # default"));
        }
        List<String> unknown = c.unknownKeys();
        if (!unknown.isEmpty()) {
            out.println("# -- not known to Danlu (kept, passed on to kohya)");
            for (String u : unknown) {
                out.println(TomlValues.key(u) + " = " + TomlValues.format(c.entries().get(u)));
            }
        }
    }
}
