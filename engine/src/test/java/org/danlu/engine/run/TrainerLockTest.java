package org.danlu.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerLockTest {
    @TempDir Path ws;

    @Test
    void holdsThePidAndRefusesASecondTrainer() throws Exception {
        RunDir run = RunDir.create(ws, "l", null);
        try (TrainerLock lock = TrainerLock.acquire(run)) {
            assertEquals(ProcessHandle.current().pid(), lock.owner().pid());
            assertEquals(ProcessId.current(), ProcessId.read(run.lockFile()).orElseThrow());
            assertTrue(lock.clearedStale().isEmpty());
            assertEquals(ProcessHandle.current().pid(), TrainerLock.liveOwner(run).orElseThrow().pid());
            TrainerLock.HeldException e = assertThrows(TrainerLock.HeldException.class, () -> TrainerLock.acquire(run));
            assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()) && e.getMessage().contains("control"),
                    e.getMessage());
        }
        assertFalse(Files.exists(run.lockFile()), "released lock leaves no file");
        assertTrue(TrainerLock.liveOwner(run).isEmpty());
        try (TrainerLock again = TrainerLock.acquire(run)) {
            assertTrue(again.clearedStale().isEmpty());
        }
    }

    @Test
    void aLockFromADeadPidIsStaleAndCleared() throws Exception {
        RunDir run = RunDir.create(ws, "l", null);
        Process p = new ProcessBuilder("true").start();
        ProcessId dead = ProcessId.of(p.toHandle());
        p.waitFor();
        assertTrue(ProcessHandle.of(dead.pid()).isEmpty() || !dead.isAlive(), "the helper process has exited");
        Files.writeString(run.lockFile(), dead.toJson());
        try (TrainerLock lock = TrainerLock.acquire(run)) {
            assertEquals(dead, lock.clearedStale().orElseThrow());
            assertEquals(ProcessId.current(), ProcessId.read(run.lockFile()).orElseThrow());
        }
    }

    @Test
    void aReusedPidIsToldApartByItsStartTime() throws Exception {
        RunDir run = RunDir.create(ws, "l", null);
        // Our parent is alive, but it did not start at the epoch: the lock is from another process.
        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        ProcessId reused = new ProcessId(parent, 1_000);
        assertFalse(reused.isAlive());
        Files.writeString(run.lockFile(), reused.toJson());
        try (TrainerLock lock = TrainerLock.acquire(run)) {
            assertEquals(reused, lock.clearedStale().orElseThrow());
        }
        assertTrue(ProcessId.of(ProcessHandle.current().parent().orElseThrow()).isAlive());
    }

    @Test
    void aBarePidFileIsRead() throws Exception {
        RunDir run = RunDir.create(ws, "l", null);
        Files.writeString(run.launchFile(), "12345\n");
        assertEquals(new ProcessId(12345, 0), ProcessId.read(run.launchFile()).orElseThrow());
        Files.writeString(run.launchFile(), "garbage");
        assertTrue(ProcessId.read(run.launchFile()).isEmpty());
    }
}
