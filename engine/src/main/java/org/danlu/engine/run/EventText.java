package org.danlu.engine.run;

import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One human line per event, for {@code danlu monitor}'s line mode and a UI's log pane. Steps are
 * left to {@link ProgressLine}; this says what else happened.
 */
public final class EventText {
    private EventText() {}

    public static String describe(Event e) {
        if (e instanceof Event.Start s) {
            String buckets = s.buckets().isEmpty() ? "" : ", buckets " + s.buckets().stream()
                    .map(b -> b.width() + "x" + b.height() + ":" + b.images()).collect(Collectors.joining(" "));
            return String.format(Locale.ROOT, "start %s: %d steps, %d epochs of %d batches, %s %s%s",
                    s.runName() == null ? "" : s.runName(), s.totalSteps(), s.epochs(), s.batchesPerEpoch(),
                    s.device(), s.dtype(), buckets);
        }
        if (e instanceof Event.Step s) {
            return String.format(Locale.ROOT, "step %d (epoch %d) loss %s avg %s", s.step(), s.epoch(),
                    ProgressLine.number(s.loss()), ProgressLine.number(s.avgLoss()));
        }
        if (e instanceof Event.Epoch s) {
            return "epoch " + s.epoch() + " done at step " + s.step()
                    + (s.avgLoss() == null ? "" : ", avg loss " + ProgressLine.number(s.avgLoss()));
        }
        if (e instanceof Event.Sample s) {
            return "sample " + s.path() + (s.prompt() == null ? "" : ": " + s.prompt());
        }
        if (e instanceof Event.Save s) {
            return "saved " + s.path() + (s.step() == null ? "" : " (step " + s.step() + ")");
        }
        if (e instanceof Event.Log s) {
            return s.level() + ": " + s.message();
        }
        if (e instanceof Event.Error s) {
            return "error: " + s.message();
        }
        if (e instanceof Event.ControlAck s) {
            return s.command() + " -> " + s.outcome() + (s.message() == null ? "" : " (" + s.message() + ")");
        }
        if (e instanceof Event.End s) {
            String status = s.status() == null ? "unknown status" : s.status().name().toLowerCase(Locale.ROOT);
            return "end: " + status + (s.reason() == null ? "" : " (" + s.reason() + ")");
        }
        return e.type() + " (not known to this version)";
    }
}
