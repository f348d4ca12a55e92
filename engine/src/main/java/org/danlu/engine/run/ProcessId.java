package org.danlu.engine.run;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A process as recorded in {@code trainer.lock} / {@code trainer.pid}: its pid and its start time.
 * The start time tells a live trainer from an unrelated process that got the same pid later.
 */
public record ProcessId(long pid, long startMillis) {

    public static ProcessId current() {
        return of(ProcessHandle.current());
    }

    public static ProcessId of(ProcessHandle handle) {
        return new ProcessId(handle.pid(), handle.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
    }

    /**
     * True when this process still runs: the pid exists ({@code ProcessHandle.of(pid)}), it is not
     * a zombie (an exited child nobody reaped yet is still listed), and it started when recorded.
     */
    public boolean isAlive() {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty() || !h.get().isAlive() || isZombie(pid)) {
            return false;
        }
        long started = h.get().info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        // Both come from the same /proc computation; allow a second for clock-tick rounding.
        return startMillis == 0 || started == 0 || Math.abs(started - startMillis) < 1000;
    }

    String toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("pid", pid);
        o.addProperty("start_millis", startMillis);
        o.addProperty("started", startMillis == 0 ? "unknown" : Instant.ofEpochMilli(startMillis).toString());
        return o + "\n";
    }

    /** Reads a pid file; empty when it is missing, empty or not ours to understand. */
    public static Optional<ProcessId> read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonObject o = JsonParser.parseString(text).getAsJsonObject();
            long start = o.has("start_millis") ? o.get("start_millis").getAsLong() : 0;
            return Optional.of(new ProcessId(o.get("pid").getAsLong(), start));
        } catch (RuntimeException e) {
            // A bare pid (someone wrote `echo $! > trainer.pid`) is still useful.
            try {
                return Optional.of(new ProcessId(Long.parseLong(text), 0));
            } catch (NumberFormatException notPid) {
                return Optional.empty();
            }
        }
    }

    private static boolean isZombie(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String s = Files.readString(stat);
            // Format: "pid (comm) S ..."; comm may contain spaces and parentheses, so use the last ')'.
            int close = s.lastIndexOf(')');
            char state = close >= 0 && close + 2 < s.length() ? s.charAt(close + 2) : '?';
            return state == 'Z' || state == 'X';
        } catch (IOException | RuntimeException e) {
            return false; // not Linux, or gone: ProcessHandle has the final word
        }
    }

    @Override
    public String toString() {
        return "pid " + pid + (startMillis == 0 ? "" : " (started " + Instant.ofEpochMilli(startMillis) + ")");
    }
}
