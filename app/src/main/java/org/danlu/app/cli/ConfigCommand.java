package org.danlu.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code danlu config}: kohya training configurations (check, import). */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Check kohya --config_file TOML files and import kohya_ss GUI JSON configs.",
        subcommands = {ConfigCheckCommand.class, ConfigImportCommand.class})
final class ConfigCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
