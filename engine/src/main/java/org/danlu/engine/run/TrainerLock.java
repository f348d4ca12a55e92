package org.danlu.engine.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One trainer per run directory: {@code trainer.lock} holds the owner's pid and start time, and an
 * OS file lock on it is held for the life of the trainer.
 *
 * <p>Two checks, because each covers the other's gap: the OS lock dies with its process (so a
 * SIGKILLed trainer never blocks a resume) but is only advisory and may be unsupported on some
 * network mounts; the recorded pid lets a second trainer refuse even there, and tells the user
 * who holds the run. A lock file whose pid is gone ({@code ProcessHandle.of(pid)} empty) is stale:
 * it is cleared and reported through {@link #clearedStale()} so the trainer can log it.
 */
public final class TrainerLock implements AutoCloseable {
    private final RunDir run;
    private final FileChannel channel;
    private final FileLock lock;
    private final ProcessId owner;
    private final ProcessId stale;

    private TrainerLock(RunDir run, FileChannel channel, FileLock lock, ProcessId owner, ProcessId stale) {
        this.run = run;
        this.channel = channel;
        this.lock = lock;
        this.owner = owner;
        this.stale = stale;
    }

    /** Thrown when another live trainer holds the run. */
    public static final class HeldException extends IOException {
        public HeldException(String message) {
            super(message);
        }
    }

    /** Takes the lock for this process, or throws {@link HeldException} naming the holder. */
    public static TrainerLock acquire(RunDir run) throws IOException {
        FileChannel ch = FileChannel.open(run.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null;
            }
            Optional<ProcessId> recorded = ProcessId.read(run.lockFile());
            ProcessId self = ProcessId.current();
            if (lock == null) {
                throw held(run, recorded.orElse(null));
            }
            ProcessId stale = null;
            if (recorded.isPresent() && recorded.get().pid() != self.pid()) {
                if (recorded.get().isAlive()) {
                    lock.release();
                    throw held(run, recorded.get());
                }
                stale = recorded.get();
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(self.toJson().getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(true);
            return new TrainerLock(run, ch, lock, self, stale);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** The process recorded in the run's lock file, when that process is still alive. */
    public static Optional<ProcessId> liveOwner(RunDir run) throws IOException {
        return ProcessId.read(run.lockFile()).filter(ProcessId::isAlive);
    }

    /** The dead trainer whose lock this one replaced, if any. */
    public Optional<ProcessId> clearedStale() {
        return Optional.ofNullable(stale);
    }

    public ProcessId owner() {
        return owner;
    }

    /** Removes the lock file, then releases the OS lock (so nobody reads our pid after we let go). */
    @Override
    public void close() throws IOException {
        if (!channel.isOpen()) {
            return;
        }
        try {
            Files.deleteIfExists(run.lockFile());
            lock.release();
        } finally {
            channel.close();
        }
    }

    private static HeldException held(RunDir run, ProcessId holder) {
        String who = holder == null ? "another process" : "another trainer (" + holder + ")";
        return new HeldException(run.lockFile() + " is held by " + who + ": only one trainer may run in "
                + run.id() + ". Stop it first (touch " + run.controlDir().resolve("stop") + "), or wait for it to end.");
    }
}
