package org.danlu.app.tui.screen.runs;

import java.io.IOException;
import java.util.Arrays;
import org.danlu.engine.run.Event;
import org.danlu.engine.run.EventTail;
import org.danlu.engine.run.RunDir;

/**
 * One run's loss curve read back from its events file in one pass (for the Runs screen's chart and
 * its two-run comparison), keyed by the event count of the summary it was read for, so a cache knows when it is stale.
 */
record RunCurves(String runId, double[] steps, double[] loss, int count, int events) {

    /** Reads the curve; {@code events} is the event count of the summary it belongs to (the cache key). */
    static RunCurves read(RunDir run, int events) throws IOException {
        double[] steps = new double[64];
        double[] loss = new double[64];
        int n = 0;
        for (Event e : EventTail.readAll(run.eventsFile()).events()) {
            if (e instanceof Event.Step s) {
                if (n == steps.length) {
                    steps = Arrays.copyOf(steps, n * 2);
                    loss = Arrays.copyOf(loss, n * 2);
                }
                steps[n] = s.step();
                loss[n] = s.loss();
                n++;
            }
        }
        return new RunCurves(run.id(), steps, loss, n, events);
    }
}
