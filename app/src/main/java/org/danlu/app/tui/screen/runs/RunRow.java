package org.danlu.app.tui.screen.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

    /**
     * Summaries of ended runs by events file (size and modification time when read): the list
     * refreshes every few seconds, and re-reading every long finished run each time would cost a
     * full parse of its events file for nothing. Safe to share with the worker thread.
     */
    static final class Cache {
        private record Entry(long size, long mtime, RunRow row) {
        }

        private final Map<Path, Entry> entries = new ConcurrentHashMap<>();

        RunRow read(RunDir run) throws IOException {
            long size;
            long mtime;
            try {
                size = Files.size(run.eventsFile());
                mtime = Files.getLastModifiedTime(run.eventsFile()).toMillis();
            } catch (NoSuchFileException e) {
                size = -1;
                mtime = -1;
            }
            Entry e = entries.get(run.path());
            if (e != null && e.size() == size && e.mtime() == mtime && !RunWatch.trainerAlive(run)) {
                return e.row();
            }
            RunRow row = new RunRow(run, RunWatch.read(run), RunWatch.trainerAlive(run));
            if (row.summary().status().isFinished() && !row.alive()) {
                entries.put(run.path(), new Entry(size, mtime, row));
            } else {
                entries.remove(run.path());
            }
            return row;
        }
    }

    /** Every run in the workspace, oldest first (a worker calls this). */
    static List<RunRow> load(Path workspace, Cache cache) throws IOException {
        List<RunRow> rows = new ArrayList<>();
        for (RunDir run : RunDir.list(workspace)) {
            rows.add(cache.read(run));
        }
        return rows;
    }
}
