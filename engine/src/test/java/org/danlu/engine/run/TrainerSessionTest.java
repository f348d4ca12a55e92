package org.danlu.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerSessionTest {
    @TempDir Path ws;

    private static List<Event> events(RunDir run) throws IOException {
        return EventTail.readAll(run.eventsFile()).events();
    }

    @Test
    void aSessionClosedWithoutAnEndMarksTheRunFailedThenReleasesTheLock() throws Exception {
        RunDir run = RunDir.create(ws, "s", null);
        try (TrainerSession session = TrainerSession.open(run)) {
            assertThrows(TrainerLock.HeldException.class, () -> TrainerSession.open(run), "one trainer per run");
            session.events().log("info", "loading");
            assertFalse(session.hasEnded());
        }
        List<Event> events = events(run);
        Event.End end = (Event.End) events.get(events.size() - 1);
        assertEquals(Event.End.Status.FAILED, end.status());
        assertTrue(end.reason().contains("without ending the run"), end.reason());
        assertFalse(Files.exists(run.lockFile()));
        assertEquals(RunStatus.FAILED, RunWatch.read(run).status());
    }

    @Test
    void failWritesTheErrorAndEndsOnce() throws Exception {
        RunDir run = RunDir.create(ws, "s", null);
        try (TrainerSession session = TrainerSession.open(run)) {
            session.fail(new IllegalStateException("loss is NaN at step 12; lower the learning rate"));
            assertThrows(IllegalStateException.class, () -> session.end(Event.End.Status.DONE, null));
        }
        List<Event> events = events(run);
        assertEquals(2, events.size(), events.toString());
        assertEquals("loss is NaN at step 12; lower the learning rate", ((Event.Error) events.get(0)).message());
        RunSummary s = RunWatch.read(run);
        assertEquals(RunStatus.FAILED, s.status());
        assertEquals("loss is NaN at step 12; lower the learning rate", s.endReason());
    }

    @Test
    void aResumedTrainerLogsTheStaleLockItCleared() throws Exception {
        RunDir run = RunDir.create(ws, "s", null);
        Files.writeString(run.lockFile(), new ProcessId(ProcessHandle.current().parent().orElseThrow().pid(), 1_000).toJson());
        try (TrainerSession session = TrainerSession.open(run)) {
            session.end(Event.End.Status.DONE, null);
        }
        Event.Log warn = (Event.Log) events(run).get(0);
        assertEquals("warn", warn.level());
        assertTrue(warn.message().startsWith("cleared a stale lock left by pid "), warn.message());
        assertEquals(RunStatus.DONE, RunWatch.read(run).status());
    }
}
