package org.danlu.app.tui.screen.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.danlu.engine.run.Launcher;

/**
 * The GPU panel's numbers: {@code nvidia-smi} queried every 2 s on its own daemon thread (a slow
 * or hung driver call never blocks the UI; each call is cut off after 5 s). Without
 * {@code nvidia-smi} the panel falls back to the trainer process's resident memory from
 * {@code /proc/<pid>/status}. Results go to a consumer that posts them to the GUI thread.
 */
public final class GpuProbe implements AutoCloseable {
    static final String[] QUERY = {"nvidia-smi",
        "--query-gpu=utilization.gpu,memory.used,memory.total,temperature.gpu", "--format=csv,noheader,nounits"};

    /** One GPU: utilisation %, memory used and total in MiB, temperature °C (-1 when not reported). */
    public record Gpu(int utilization, long memoryUsedMiB, long memoryTotalMiB, int temperature) {
    }

    /** A reading: the GPUs, or (without nvidia-smi) the trainer's resident memory; or why neither. */
    public record Reading(List<Gpu> gpus, Long processBytes, String problem) {
    }

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "danlu-gpu-probe");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> task;

    /** Starts polling (again); {@code trainerPid} gives the pid to fall back on, or empty. */
    public synchronized void start(Supplier<Optional<Long>> trainerPid, Consumer<Reading> onReading) {
        stop();
        task = timer.scheduleWithFixedDelay(() -> onReading.accept(read(trainerPid)), 0, 2, TimeUnit.SECONDS);
    }

    public synchronized void stop() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    static Reading read(Supplier<Optional<Long>> trainerPid) {
        if (Launcher.findOnPath("nvidia-smi").isPresent()) {
            try {
                return new Reading(parse(run(QUERY)), null, null);
            } catch (IOException | RuntimeException e) {
                return new Reading(List.of(), null, "nvidia-smi: " + e.getMessage());
            }
        }
        try {
            Optional<Long> pid = trainerPid.get();
            if (pid.isPresent()) {
                return new Reading(List.of(), residentBytes(pid.get()), null);
            }
        } catch (RuntimeException e) {
            return new Reading(List.of(), null, e.getMessage());
        }
        return new Reading(List.of(), null, null);
    }

    private static String run(String[] cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("no answer within 5 s");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException("exit " + p.exitValue() + ": " + out.strip());
            }
            return out;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    /**
     * Parses nvidia-smi's CSV rows, e.g. {@code 87, 20480, 24576, 71}; a field the driver does not
     * report ({@code [N/A]}, {@code [Not Supported]}) reads as -1.
     */
    public static List<Gpu> parse(String csv) {
        List<Gpu> out = new ArrayList<>();
        for (String line : csv.split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            if (f.length < 4) {
                throw new IllegalArgumentException("unexpected nvidia-smi line '" + line.strip() + "'");
            }
            out.add(new Gpu((int) number(f[0]), number(f[1]), number(f[2]), (int) number(f[3])));
        }
        return out;
    }

    private static long number(String field) {
        try {
            return Math.round(Double.parseDouble(field.strip()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** VmRSS of a process from {@code /proc/<pid>/status}, or null (not Linux, or gone). */
    static Long residentBytes(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).strip().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    @Override
    public void close() {
        stop();
        timer.shutdownNow();
    }
}
