package org.danlu.engine.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code events.jsonl} from its first line, then follows it as the trainer appends, and hands
 * every event to a {@link Listener} on the tail's own daemon thread. Any number of tails may watch
 * one run; a tail started after the run ended still sees the whole history.
 *
 * <p>Polling (not a file watcher): inotify does not see appends made on another host of a shared
 * file system, and a 100 ms poll costs one {@code stat}. A last line still being written (no
 * newline yet) waits for its newline; a line that is not a valid event is reported through
 * {@link Listener#onBadLine} and skipped; a file that shrinks (truncated or replaced) is reported
 * and read again from the start.
 */
public final class EventTail implements AutoCloseable {

    /** Receives what the tail reads, always on the tail thread, in file order. */
    public interface Listener {
        void onEvent(Event event);

        /** A line that is not a valid event (garbled, cut by a crash, or the file was truncated). */
        default void onBadLine(BadLine bad) {}

        /** The tail has read to the current end of the file (called after every poll pass). */
        default void onIdle() {}
    }

    /** A line that could not be read as an event; {@code lineNumber} counts from 1. */
    public record BadLine(Path file, long lineNumber, String text, String problem) {
        @Override
        public String toString() {
            return file.getFileName() + " line " + lineNumber + ": " + problem;
        }
    }

    /** What {@link #readAll} found. */
    public record EventLog(List<Event> events, List<BadLine> badLines) {}

    public static final Duration DEFAULT_POLL = Duration.ofMillis(100);

    private final Path file;
    private final Listener listener;
    private final long pollMillis;
    private final Thread thread;
    private volatile boolean running = true;

    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private long position;
    private long lineNumber;

    private EventTail(Path file, Listener listener, Duration poll) {
        this.file = file;
        this.listener = listener;
        this.pollMillis = Math.max(1, poll.toMillis());
        this.thread = new Thread(this::loop, "danlu-event-tail-" + file.getParent().getFileName());
        this.thread.setDaemon(true);
    }

    /** Starts tailing {@code file} (which may not exist yet) and returns at once. */
    public static EventTail start(Path file, Listener listener, Duration poll) {
        EventTail tail = new EventTail(file, listener, poll);
        tail.thread.start();
        return tail;
    }

    public static EventTail start(RunDir run, Listener listener) {
        return start(run.eventsFile(), listener, DEFAULT_POLL);
    }

    /**
     * Reads the whole file once, on the calling thread. A last line without a newline is reported
     * as a bad line here (nobody will finish it in a one-shot read), and a missing file is empty.
     */
    public static EventLog readAll(Path file) throws IOException {
        List<Event> events = new ArrayList<>();
        List<BadLine> bad = new ArrayList<>();
        EventTail once = new EventTail(file, new Listener() {
            @Override public void onEvent(Event event) { events.add(event); }
            @Override public void onBadLine(BadLine b) { bad.add(b); }
        }, DEFAULT_POLL);
        once.pass();
        if (once.partial.size() > 0) {
            bad.add(new BadLine(file, once.lineNumber + 1, once.partial.toString(StandardCharsets.UTF_8),
                    "incomplete last line (the writer stopped in the middle of it)"));
        }
        return new EventLog(List.copyOf(events), List.copyOf(bad));
    }

    /** Stops the tail and waits for its thread (unless called from a listener, on that thread). */
    @Override
    public void close() {
        running = false;
        if (Thread.currentThread() != thread) {
            thread.interrupt();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean isRunning() {
        return running && thread.isAlive();
    }

    private void loop() {
        while (running) {
            try {
                pass();
            } catch (IOException e) {
                // The file may be mid-replacement or on a flaky mount; say so once per pass and retry.
                listener.onBadLine(new BadLine(file, lineNumber, "", "cannot read: " + e.getMessage()));
            }
            if (!running) {
                break;
            }
            try {
                listener.onIdle();
            } catch (RuntimeException e) {
                listener.onBadLine(new BadLine(file, lineNumber, "", "listener failed when idle: " + e));
            }
            try {
                Thread.sleep(pollMillis);
            } catch (InterruptedException e) {
                break;
            }
        }
    }

    /** Reads from the last position to the end of the file, delivering each complete line. */
    private void pass() throws IOException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            return; // the trainer has not started writing yet
        }
        if (size < position) {
            listener.onBadLine(new BadLine(file, lineNumber, "",
                    "the file shrank from " + position + " to " + size + " bytes; reading it again from the start"));
            position = 0;
            lineNumber = 0;
            partial.reset();
        }
        if (size == position) {
            return;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            while (running || Thread.currentThread() != thread) {
                buf.clear();
                int n = ch.read(buf, position);
                if (n <= 0) {
                    break;
                }
                position += n;
                consume(buf.array(), n);
            }
        }
    }

    private void consume(byte[] bytes, int n) {
        int start = 0;
        for (int i = 0; i < n; i++) {
            if (bytes[i] == '\n') {
                partial.write(bytes, start, i - start);
                // Decode whole lines only: a UTF-8 character may straddle two reads.
                String line = partial.toString(StandardCharsets.UTF_8);
                partial.reset();
                start = i + 1;
                deliver(line);
            }
        }
        partial.write(bytes, start, n - start);
    }

    private void deliver(String raw) {
        lineNumber++;
        String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
        if (line.isBlank()) {
            return;
        }
        Event event;
        try {
            event = EventCodec.decode(line);
        } catch (IllegalArgumentException e) {
            listener.onBadLine(new BadLine(file, lineNumber, line, e.getMessage()));
            return;
        }
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            // A listener bug must not drop the rest of the file or end the watch; report and go on.
            listener.onBadLine(new BadLine(file, lineNumber, line, "listener failed on this event: " + e));
        }
    }
}
