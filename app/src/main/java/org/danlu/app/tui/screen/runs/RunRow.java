package org.danlu.app.tui.screen.runs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Path;
import org.danlu.engine.run.RunDir;
import org.danlu.engine.run.RunSummary;
import org.danlu.engine.run.RunWatch;

/**
 * One run as the Runs screen lists it: its directory, its summary (failed when the trainer is gone
 * without an end event, as {@code danlu runs} shows it) and whether a trainer process holds it now.
 */
record RunRow(RunDir run, RunSummary summary, boolean alive) {

    /** Whether deleting is allowed: never while a trainer holds the run or it has not ended. */
    boolean deletable() {
        return !alive && summary.status().isFinished();
    }

    /** Every run in the workspace, oldest first (a worker calls this). */
    static List<RunRow> load(Path workspace) throws IOException {
        List<RunRow> rows = new ArrayList<>();
        for (RunDir run : RunDir.list(workspace)) {
            rows.add(new RunRow(run, RunWatch.read(run), RunWatch.trainerAlive(run)));
        }
        return rows;
    }
}
