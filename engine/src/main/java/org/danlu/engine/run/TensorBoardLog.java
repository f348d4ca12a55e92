package org.danlu.engine.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;

/**
 * kohya's TensorBoard log ({@code logging_dir}), fed from the run's events: per optimizer step
 * {@code loss/current}, {@code loss/average} and {@code lr/unet}, {@code lr/textencoder}; per epoch
 * {@code loss/epoch} at step = epoch. The folder is kohya's: {@code logging_dir/<log_prefix><local
 * yyyyMMddHHmmss>/<log_tracker_name, default network_train>/}, so a TensorBoard pointed at the same
 * {@code logging_dir} shows Danlu's runs beside sd-scripts' ones. {@code events.jsonl} stays the
 * run's record; a TensorBoard file the disk refuses stops this log, never the training.
 */
public final class TensorBoardLog implements AutoCloseable {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final Path file;
    private TfEventFile out;
    private String failure;

    private TensorBoardLog(Path file, TfEventFile out) {
        this.file = file;
        this.out = out;
    }

    /**
     * @param prefix      kohya's {@code log_prefix}, or null
     * @param trackerName kohya's {@code log_tracker_name}, or null for {@code network_train}
     */
    public static TensorBoardLog open(Path loggingDir, String prefix, String trackerName, Instant now) throws IOException {
        String stamp = STAMP.format(now.atZone(ZoneId.systemDefault()));
        Path dir = loggingDir.resolve((prefix == null ? "" : prefix) + stamp)
                .resolve(trackerName == null || trackerName.isBlank() ? "network_train" : trackerName);
        Files.createDirectories(dir);
        String host = Optional.ofNullable(System.getenv("HOSTNAME")).filter(h -> !h.isBlank()).orElse("localhost");
        Path file = dir.resolve("events.out.tfevents." + now.getEpochSecond() + "." + host + "."
                + ProcessHandle.current().pid() + ".0");
        return new TensorBoardLog(file, TfEventFile.create(file, now.toEpochMilli() / 1000.0));
    }

    public Path file() {
        return file;
    }

    /** Writes the scalars an event carries; other events only flush at saves and the end. */
    public void accept(Event e) {
        if (out == null) {
            return;
        }
        try {
            if (e instanceof Event.Step s) {
                double t = s.t() / 1000.0;
                out.scalar("loss/current", s.loss(), s.step(), t);
                out.scalar("loss/average", s.avgLoss(), s.step(), t);
                for (Map.Entry<String, Double> lr : s.lr().entrySet()) {
                    out.scalar("lr/" + kohyaGroup(lr.getKey()), lr.getValue(), s.step(), t);
                }
            } else if (e instanceof Event.Epoch ep && ep.avgLoss() != null) {
                out.scalar("loss/epoch", ep.avgLoss(), ep.epoch(), ep.t() / 1000.0);
            } else if (e instanceof Event.Save || e instanceof Event.End) {
                out.flush();
            }
        } catch (IOException ex) {
            failure = file + ": " + ex.getMessage();
            closeQuietly();
        }
    }

    /** Why the log stopped early, if it did. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** kohya's names for the learning-rate groups: {@code lr/textencoder}, {@code lr/unet}. */
    static String kohyaGroup(String group) {
        return group.equals("text_encoder") ? "textencoder" : group;
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException ignored) {
            out = null; // the failure is already recorded
        }
    }
}
