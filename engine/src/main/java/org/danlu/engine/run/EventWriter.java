package org.danlu.engine.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends events to {@code events.jsonl}, one JSON object per line, for the one trainer process
 * that holds the run's {@link TrainerLock}. Methods are synchronized so the trainer's threads
 * (the loop, a sampler) may share it.
 *
 * <p>Each event is one {@code write} of the whole line on an {@code O_APPEND} channel, so a reader
 * sees either nothing or the line growing to its newline; there is no user-space buffer, so every
 * event is visible to tails at once. {@code start}, {@code save} and {@code end} are also fsynced:
 * they are the events a crash must not lose (what ran, which files exist, how it ended).
 */
public final class EventWriter implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;

    private EventWriter(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Opens the run's events file for appending (creating it). */
    public static EventWriter open(RunDir run) throws IOException {
        return open(run.eventsFile());
    }

    public static EventWriter open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        EventWriter w = new EventWriter(file, ch);
        w.endDanglingLine();
        return w;
    }

    /** Appends one event; throws if the disk refuses (the trainer should stop: nobody can see it). */
    public synchronized void write(Event event) throws IOException {
        byte[] line = (EventCodec.encode(event) + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.wrap(line);
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        if (event instanceof Event.Start || event instanceof Event.Save || event instanceof Event.End) {
            channel.force(false);
        }
    }

    /** Convenience for the common log line, stamped now. */
    public void log(String level, String message) throws IOException {
        write(new Event.Log(System.currentTimeMillis(), level, message));
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel.isOpen()) {
            channel.force(false);
            channel.close();
        }
    }

    /**
     * A trainer killed mid-write leaves a line without its newline; a resumed run must not glue
     * its first event onto that fragment, so the fragment is ended here (readers report it as one
     * bad line and carry on).
     */
    private void endDanglingLine() throws IOException {
        long size = channel.size();
        if (size == 0) {
            return;
        }
        ByteBuffer last = ByteBuffer.allocate(1);
        try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
            reader.read(last, size - 1);
        }
        if (last.get(0) != '\n') {
            channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
        }
    }
}
