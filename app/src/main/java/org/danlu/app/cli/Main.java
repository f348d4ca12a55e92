package org.danlu.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code danlu} launcher's entry point: one picocli subcommand per user-facing command.
 * Each command lives in its own class in this package; register it in {@link #commandLine()}.
 */
@Command(
        name = "danlu",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Danlu: a terminal studio for Stable Diffusion LoRA datasets and training.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code; tests call this in-process. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        // Registered commands, in the order `danlu help` lists them.
        // Each area adds its commands under its own heading (keeps merges apart).

        // -- dataset: demo, scan, tags
        cli.addSubcommand(new DemoCommand());
        cli.addSubcommand(new ScanCommand());
        cli.addSubcommand(new TagsCommand());

        // -- buckets and config: buckets, config
        cli.addSubcommand(new BucketsCommand());
        cli.addSubcommand(new ConfigCommand());

        // -- models: model, doctor
        cli.addSubcommand(new ModelCommand());
        cli.addSubcommand(new DoctorCommand());

        // -- training: train
        cli.addSubcommand(new TrainCommand());
        cli.addSubcommand(new SampleCommand());

        // -- runs: runs, monitor
        cli.addSubcommand(new RunsCommand());
        cli.addSubcommand(new MonitorCommand());

        // -- studio: open, console
        cli.addSubcommand(new OpenCommand());
        cli.addSubcommand(new ConsoleCommand());

        cli.setExecutionExceptionHandler(new ErrorReporter());
        return cli;
    }

    @Override
    public void run() {
        // `danlu` alone, in a terminal, is `danlu open`: the last dataset, else the picker. Piped: usage.
        if (System.console() == null) {
            CommandLine.usage(this, System.out);
            return;
        }
        int code = new OpenCommand().call();
        if (code != 0) {
            System.exit(code);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Package p = Main.class.getPackage();
            String v = p.getImplementationVersion();
            return new String[] {"danlu " + (v == null ? "dev" : v)};
        }
    }
}
