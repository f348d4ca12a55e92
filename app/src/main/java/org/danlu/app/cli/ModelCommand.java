package org.danlu.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code danlu model}: the parent of {@code model info} and {@code model run}. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Inspect a Stable Diffusion checkpoint or run one of its models on tensors from a file.",
        subcommands = {ModelInfoCommand.class, ModelRunCommand.class})
public final class ModelCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say which: danlu model info PATH | danlu model run ...");
    }
}
