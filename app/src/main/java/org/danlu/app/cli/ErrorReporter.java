package org.danlu.app.cli;

import picocli.CommandLine;

/**
 * Turns an exception escaping a command into one clear line on stderr and exit code 2.
 * Set DANLU_DEBUG=1 to see the stack trace as well.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        cmd.getErr().println("danlu " + cmd.getCommandName() + ": " + msg);
        if (System.getenv("DANLU_DEBUG") != null) {
            ex.printStackTrace(cmd.getErr());
        }
        return 2;
    }
}
