package org.danlu.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSummaryTest {

    private static Event.Step step(long t, int step, double loss, double avg) {
        return new Event.Step(t, step, (step - 1) / 10 + 1, loss, avg, Map.of("unet", 1e-4), 0.5, null);
    }

    @Test
    void foldsAHistory() {
        List<Event> events = new ArrayList<>();
        events.add(new Event.Start(10_000, "dog", 40, 4, 10, List.of(), "cpu", "float32"));
        events.add(step(10_500, 1, 0.9, 0.9));
        events.add(new Event.ControlAck(10_600, "pause", "paused", null));
        RunSummary paused = RunSummary.of(events);
        assertEquals(RunStatus.PAUSED, paused.status());
        events.add(new Event.ControlAck(20_000, "resume", "resumed", null));
        events.add(step(20_500, 12, 0.3, 0.5));
        events.add(new Event.Save(20_600, "output/dog-000001.safetensors", 12));
        events.add(new Event.Error(20_700, "disk almost full"));
        events.add(new Event.Unknown(20_800, "gpu"));
        RunSummary running = RunSummary.of(events);
        assertEquals(RunStatus.RUNNING, running.status());
        assertEquals(12, running.step());
        assertEquals(2, running.epoch());
        assertEquals(0.3, running.lastLoss());
        assertEquals(0.5, running.avgLoss());
        // 28 steps left at 0.5 s each.
        assertEquals(14_000, running.etaMillis());
        assertEquals(15_000, running.durationMillis(25_000), "running: start to now");
        assertEquals(8, running.events());

        events.add(new Event.End(30_000, Event.End.Status.DONE, null));
        RunSummary done = RunSummary.of(events);
        assertEquals(RunStatus.DONE, done.status());
        assertEquals(20_000, done.durationMillis(99_999), "finished: start to end");
        assertEquals(-1, done.etaMillis());
        assertEquals(List.of("output/dog-000001.safetensors"), done.savedFiles());
        assertEquals("disk almost full", done.lastError());
        assertEquals("dog", done.nameOr("20261122-181500-x"));
    }

    @Test
    void aFailedEndWithoutReasonTakesTheLastErrorAndAGoneTrainerFails() {
        RunSummary s = RunSummary.of(List.of(
                new Event.Start(1, null, 10, 1, 10, List.of(), "cpu", "float32"),
                new Event.Error(2, "loss is NaN at step 3"),
                new Event.End(3, Event.End.Status.FAILED, null)));
        assertEquals(RunStatus.FAILED, s.status());
        assertEquals("loss is NaN at step 3", s.endReason());
        assertEquals("x", s.nameOr("20261122-181500-x"));
        assertSame(s, s.trainerGone("gone", 5), "a finished run stays as it ended");

        RunSummary live = RunSummary.of(List.of(step(1, 1, 0.5, 0.5)));
        RunSummary gone = live.trainerGone("the trainer (pid 42) is gone without an end event", 9);
        assertEquals(RunStatus.FAILED, gone.status());
        assertTrue(gone.endReason().contains("pid 42"));
        assertEquals(RunStatus.STARTING, RunSummary.empty().status());
    }

    @Test
    void aRunResumedInItsDirectoryIsRunningAgain() {
        List<Event> events = new ArrayList<>(List.of(
                new Event.Start(1_000, "dog", 40, 4, 10, List.of(), "cpu", "float32"),
                step(2_000, 5, 0.5, 0.5),
                new Event.End(3_000, Event.End.Status.FAILED, "out of memory")));
        assertEquals(RunStatus.FAILED, RunSummary.of(events).status());
        events.add(new Event.Start(10_000, "dog", 40, 4, 10, List.of(), "cpu", "float32"));
        RunSummary resumed = RunSummary.of(events);
        assertEquals(RunStatus.RUNNING, resumed.status());
        assertEquals(null, resumed.endReason());
        assertEquals(1_000, resumed.startedMillis(), "started is the first start");
        assertEquals(5, resumed.step(), "the step count carries over until the next step event");
    }

    @Test
    void exitCodesAreTheDocumentedOnes() {
        assertEquals(0, RunStatus.DONE.exitCode());
        assertEquals(3, RunStatus.STOPPED.exitCode());
        assertEquals(1, RunStatus.FAILED.exitCode());
    }

    @Test
    void progressLineReadsLikeTqdm() {
        RunSummary s = RunSummary.of(List.of(
                new Event.Start(0, "dog", 1000, 10, 100, List.of(), "cpu", "float32"),
                new Event.Step(60_000, 420, 5, 0.12345, 0.13, Map.of(), 0.25, null)));
        // 580 steps left * 0.25 s = 145 s = 2:25; 420/1000 = 42%; the bar is at most 30 wide (12 filled).
        String line = ProgressLine.format(s, "id", 60_000, 200);
        assertEquals("dog running  42% [############------------------] 420/1000 ep 5/10 loss 0.1235 avg 0.1300 4.00it/s eta 2:25", line);
        // 84 columns: 11 (head) + 1 + 4 (pct) + 2 + bar + 2 + 57 (tail) leaves a 7-wide bar, under
        // the minimum 10, so "avg 0.1300" (11 columns) goes and the bar is 18 wide, 42% = 7.56 -> 7 filled.
        String narrow = ProgressLine.format(s, "id", 60_000, 84);
        assertEquals("dog running  42% [#######-----------] 420/1000 ep 5/10 loss 0.1235 4.00it/s eta 2:25", narrow);
        assertEquals(84, narrow.length());
        // 64 columns: no room for a 10-wide bar either way; the 63-column line without avg fits.
        assertEquals("dog running  42% 420/1000 ep 5/10 loss 0.1235 4.00it/s eta 2:25", ProgressLine.format(s, "id", 60_000, 64));
        assertEquals(40, ProgressLine.format(s, "id", 60_000, 40).length());
        assertEquals("1:02:03", ProgressLine.duration(3_723_000));
        assertEquals("2.00s/it", ProgressLine.speed(2));
        assertEquals("-", ProgressLine.number(Double.NaN));
    }
}
