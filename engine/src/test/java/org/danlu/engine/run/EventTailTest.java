package org.danlu.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class EventTailTest {
    @TempDir Path dir;

    private static final Duration FAST = Duration.ofMillis(10);

    private void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static void waitFor(String what, java.util.function.BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!cond.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertTrue(cond.getAsBoolean(), "timed out waiting for " + what);
    }

    @Test
    void waitsForAFileThatDoesNotExistYetThenFollowsIt() throws Exception {
        Path file = dir.resolve("events.jsonl");
        RunProtocolEndToEndTest.Seen seen = new RunProtocolEndToEndTest.Seen();
        try (EventTail tail = EventTail.start(file, seen, FAST)) {
            Thread.sleep(50);
            assertTrue(seen.events.isEmpty());
            try (EventWriter w = EventWriter.open(file)) {
                for (Event e : EventCodecTest.oneOfEach()) {
                    w.write(e);
                }
            }
            waitFor("all events", () -> seen.events.size() == 9);
            assertEquals(EventCodecTest.oneOfEach(), seen.events);
        }
    }

    @Test
    void aLineBeingWrittenIsDeliveredOnlyWhenComplete() throws Exception {
        Path file = dir.resolve("events.jsonl");
        // A multi-byte character split across the two writes: the tail must decode whole lines.
        String line = EventCodec.encode(new Event.Log(1, "info", "丹炉 ready"));
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        int cut = line.indexOf("丹") + 1; // inside the 3-byte UTF-8 sequence
        RunProtocolEndToEndTest.Seen seen = new RunProtocolEndToEndTest.Seen();
        Files.write(file, java.util.Arrays.copyOf(bytes, cut));
        try (EventTail tail = EventTail.start(file, seen, FAST)) {
            Thread.sleep(100); // several polls with the half line on disk
            assertTrue(seen.events.isEmpty() && seen.bad.isEmpty(), "half a line is neither an event nor an error");
            Files.write(file, java.util.Arrays.copyOfRange(bytes, cut, bytes.length), StandardOpenOption.APPEND);
            waitFor("the completed line", () -> seen.events.size() == 1);
        }
        assertEquals(new Event.Log(1, "info", "丹炉 ready"), seen.events.get(0));
        assertTrue(seen.bad.isEmpty());
    }

    @Test
    void aGarbledLineIsReportedAndTheRestStillRead() throws Exception {
        Path file = dir.resolve("events.jsonl");
        append(file, EventCodec.encode(new Event.Log(1, "info", "a")) + "\n"
                + "{\"t\":2,\"type\":\"log\",\"lev\u0000\n"
                + "\n"
                + EventCodec.encode(new Event.Log(3, "info", "b")) + "\n");
        RunProtocolEndToEndTest.Seen seen = new RunProtocolEndToEndTest.Seen();
        try (EventTail tail = EventTail.start(file, seen, FAST)) {
            waitFor("two events", () -> seen.events.size() == 2);
        }
        assertEquals(List.of(new Event.Log(1, "info", "a"), new Event.Log(3, "info", "b")), seen.events);
        assertEquals(1, seen.bad.size());
        assertEquals(2, seen.bad.get(0).lineNumber());
        assertTrue(seen.bad.get(0).toString().startsWith("events.jsonl line 2: not valid JSON"), seen.bad.get(0).toString());
    }

    @Test
    void aTruncatedFileIsReportedAndReadAgain() throws Exception {
        Path file = dir.resolve("events.jsonl");
        append(file, EventCodec.encode(new Event.Log(1, "info", "first run, a long line to be cut")) + "\n");
        RunProtocolEndToEndTest.Seen seen = new RunProtocolEndToEndTest.Seen();
        try (EventTail tail = EventTail.start(file, seen, FAST)) {
            waitFor("first", () -> seen.events.size() == 1);
            Files.writeString(file, EventCodec.encode(new Event.Log(2, "info", "new")) + "\n");
            waitFor("after truncation", () -> seen.events.size() == 2);
        }
        assertEquals(new Event.Log(2, "info", "new"), seen.events.get(1));
        assertTrue(seen.bad.get(0).problem().startsWith("the file shrank"), seen.bad.toString());
    }

    @Test
    void closeStopsTheThread() throws Exception {
        Path file = dir.resolve("events.jsonl");
        RunProtocolEndToEndTest.Seen seen = new RunProtocolEndToEndTest.Seen();
        EventTail tail = EventTail.start(file, seen, FAST);
        assertTrue(tail.isRunning());
        tail.close();
        assertFalse(tail.isRunning());
        append(file, EventCodec.encode(new Event.Log(1, "info", "late")) + "\n");
        Thread.sleep(60);
        assertTrue(seen.events.isEmpty(), "a closed tail delivers nothing");
    }

    @Test
    void readAllReportsACutLastLineAndAWriterResumingEndsIt() throws Exception {
        Path file = dir.resolve("events.jsonl");
        String whole = EventCodec.encode(new Event.Log(1, "info", "before crash"));
        append(file, whole + "\n" + whole.substring(0, 10)); // killed in the middle of a write
        EventTail.EventLog log = EventTail.readAll(file);
        assertEquals(1, log.events().size());
        assertEquals(1, log.badLines().size());
        assertEquals(2, log.badLines().get(0).lineNumber());
        assertTrue(log.badLines().get(0).problem().startsWith("incomplete last line"));

        // A resumed trainer opens the writer: its first event must not be glued to the fragment.
        try (EventWriter w = EventWriter.open(file)) {
            w.write(new Event.Log(2, "info", "resumed"));
        }
        log = EventTail.readAll(file);
        assertEquals(List.of(new Event.Log(1, "info", "before crash"), new Event.Log(2, "info", "resumed")), log.events());
        assertEquals(1, log.badLines().size(), "the fragment is one bad line, the new event is intact");
        assertEquals(EventTail.readAll(dir.resolve("missing.jsonl")), new EventTail.EventLog(List.of(), List.of()));
    }
}
