package org.danlu.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.danlu.engine.run.Event;
import org.danlu.engine.run.EventTail;
import org.danlu.engine.run.EventText;
import org.danlu.engine.run.ProgressLine;
import org.danlu.engine.run.RunDir;
import org.danlu.engine.run.RunSummary;
import org.danlu.engine.run.RunWatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code danlu monitor RUN}: follows a run from its first event to its end as text, for tmux panes
 * and logs, and exits with the run's status (0 done, 3 stopped, 1 failed).
 */
@Command(name = "monitor", mixinStandardHelpOptions = true,
        description = {"Follow a run's progress as text (whole history, then live) until it ends.",
            "Exit code: 0 done, 3 stopped, 1 failed (trainer died: the end of trainer.log is shown)."})
final class MonitorCommand implements Callable<Integer> {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "RUN", description = "A run id, a unique id prefix, a run name (its latest run), 'latest', or a run directory.")
    String query;

    @Option(names = "--workspace", paramLabel = "DIR", defaultValue = ".",
            description = "Folder that holds runs/ (default: the current directory).")
    Path workspace;

    @Option(names = "--every", paramLabel = "N", defaultValue = "0",
            description = "In line mode, print progress every N steps (default: about 100 lines per run).")
    int every;

    @Option(names = "--lines", description = "One line per update even on a terminal (default there: one updating line).")
    boolean lines;

    @Override
    public Integer call() throws Exception {
        RunDir run = RunDir.open(workspace, query);
        boolean live = !lines && System.console() != null;
        Printer printer = new Printer(run, spec.commandLine().getOut(), live, every, live ? terminalWidth() : 200);
        try (RunWatch watch = RunWatch.start(run, printer)) {
            Optional<RunSummary> end = Optional.empty();
            while (end.isEmpty()) {
                end = watch.awaitFinished(Duration.ofHours(1));
            }
            return end.get().status().exitCode();
        }
    }

    /**
     * Columns of the controlling terminal, less one (a full-width line wraps on some terminals).
     * {@code stty size} reads the tty itself; COLUMNS is rarely exported to programs.
     */
    static int terminalWidth() {
        try {
            Process p = new ProcessBuilder("stty", "size")
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/tty")))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String[] rowsCols = new String(p.getInputStream().readAllBytes()).trim().split("\\s+");
            if (p.waitFor() == 0 && rowsCols.length == 2) {
                return Math.max(40, Integer.parseInt(rowsCols[1]) - 1);
            }
        } catch (IOException | InterruptedException | NumberFormatException e) {
            // no tty or no stty: fall back below
        }
        return 79;
    }

    /** Turns the watch's callbacks into text; runs on the tail thread. */
    static final class Printer implements RunWatch.Listener {
        private final RunDir run;
        private final PrintWriter out;
        private final boolean live;
        private final int every;
        private final int width;
        private boolean lineOpen;
        private long lastDraw;
        private int lastPrintedStep = -1;

        Printer(RunDir run, PrintWriter out, boolean live, int every, int width) {
            this.run = run;
            this.out = out;
            this.live = live;
            this.every = every;
            this.width = width;
        }

        @Override
        public void onEvent(Event event, RunSummary s) {
            if (event instanceof Event.Step step) {
                if (live) {
                    long now = System.currentTimeMillis();
                    if (now - lastDraw >= 100) { // at most 10 redraws a second
                        lastDraw = now;
                        draw(s);
                    }
                } else if (step.step() % stride(s) == 0) {
                    progress(s);
                }
                return;
            }
            if (event instanceof Event.Unknown) {
                return;
            }
            clearLine();
            // The event's own time: a replayed history shows when things happened, not when we read them.
            out.println("[" + CLOCK.format(Instant.ofEpochMilli(event.t()).atZone(ZoneId.systemDefault()))
                    + "] " + EventText.describe(event));
            out.flush();
            if (live && s.step() > 0 && !s.status().isFinished()) {
                draw(s); // keep the progress line under the event lines
            }
        }

        @Override
        public void onBadLine(EventTail.BadLine bad) {
            clearLine();
            out.println("warning: " + bad);
            out.flush();
        }

        @Override
        public void onFinished(RunSummary s, List<String> logTail) {
            clearLine();
            if (s.step() != lastPrintedStep) {
                progress(s);
            }
            out.println("run " + run.id() + " " + s.status().label()
                    + (s.endReason() == null ? "" : ": " + s.endReason()));
            if (!logTail.isEmpty()) {
                out.println("last lines of " + run.trainerLog() + ":");
                logTail.forEach(l -> out.println("  " + l));
            }
            out.flush();
        }

        private int stride(RunSummary s) {
            if (every > 0) {
                return every;
            }
            return s.totalSteps() > 0 ? Math.max(1, (s.totalSteps() + 99) / 100) : 10;
        }

        private void progress(RunSummary s) {
            out.println(ProgressLine.format(s, run.id(), System.currentTimeMillis(), width));
            out.flush();
            lastPrintedStep = s.step();
        }

        private void draw(RunSummary s) {
            String line = ProgressLine.format(s, run.id(), System.currentTimeMillis(), width);
            out.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
            out.flush();
            lineOpen = true;
        }

        private void clearLine() {
            if (lineOpen) {
                out.print("\r" + " ".repeat(width) + "\r");
                lineOpen = false;
            }
        }
    }
}
