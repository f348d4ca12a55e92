package org.danlu.engine.run;

import com.google.gson.annotations.SerializedName;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of {@code events.jsonl}: something the trainer tells every watcher.
 *
 * <p>Every event has {@code t} (epoch millis, when it happened) and a {@code type} (the JSON
 * {@code "type"} field, see {@link #type()}). One record per type; fields are written in
 * snake_case by {@link EventCodec}. Optional fields are boxed and may be null (left out of the
 * JSON). The README's "events.jsonl" section is the schema for scripts; keep it in step.
 */
public sealed interface Event
        permits Event.Start, Event.Step, Event.Epoch, Event.Sample, Event.Save, Event.Log,
                Event.Error, Event.ControlAck, Event.End, Event.Unknown {

    /** Epoch millis when the event happened. */
    long t();

    /** The {@code type} field written to JSON. */
    String type();

    /** One aspect-ratio bucket of the run: resolution and how many images fall in it. */
    record Bucket(int width, int height, int images) {}

    /**
     * The run begins. {@code totalSteps} is the optimizer step count the trainer will reach;
     * {@code buckets} may be empty when the trainer does not bucket.
     */
    record Start(long t, String runName, int totalSteps, int epochs, int batchesPerEpoch,
                 List<Bucket> buckets, String device, String dtype) implements Event {
        public Start {
            buckets = buckets == null ? List.of() : List.copyOf(buckets);
        }
        @Override public String type() { return "start"; }
    }

    /**
     * One optimizer step finished. {@code step} counts from 1; {@code lr} maps a parameter group
     * name (e.g. {@code unet}, {@code text_encoder}) to its learning rate at this step;
     * {@code memoryBytes} is the device memory in use (null when unknown).
     * A non-finite loss is written as JSON null and read back as NaN.
     */
    record Step(long t, int step, int epoch, double loss, double avgLoss, Map<String, Double> lr,
                double secondsPerStep, Long memoryBytes) implements Event {
        public Step {
            // Keep the writer's group order: the UI lists groups as the trainer named them.
            lr = lr == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(lr));
        }
        @Override public String type() { return "step"; }
    }

    /** Epoch {@code epoch} (from 1) finished at optimizer step {@code step}. */
    record Epoch(long t, int epoch, int step, Double avgLoss) implements Event {
        @Override public String type() { return "epoch"; }
    }

    /** A sample image was written; {@code path} is relative to the run directory when inside it. */
    record Sample(long t, String path, String prompt, Integer step) implements Event {
        @Override public String type() { return "sample"; }
    }

    /** A LoRA file or training state was written (atomically) at {@code path}. */
    record Save(long t, String path, Integer step) implements Event {
        @Override public String type() { return "save"; }
    }

    /** A line for the log pane; {@code level} is {@code debug|info|warn|error}. */
    record Log(long t, String level, String message) implements Event {
        @Override public String type() { return "log"; }
    }

    /** Something went wrong; the trainer follows a fatal one with {@code end failed}. */
    record Error(long t, String message) implements Event {
        @Override public String type() { return "error"; }
    }

    /**
     * The trainer consumed a control command ({@code command} is its wire name, e.g. "pause").
     * {@code outcome} is one of {@code paused, resumed, saved, sampled, stopping, ignored, failed};
     * {@code message} says why for ignored/failed.
     */
    record ControlAck(long t, String command, String outcome, String message) implements Event {
        @Override public String type() { return "control-ack"; }
    }

    /** The run ended; nothing is written after this. */
    record End(long t, Status status, String reason) implements Event {
        /** How a run ended; the JSON values are lower case. */
        public enum Status {
            @SerializedName("done") DONE,
            @SerializedName("stopped") STOPPED,
            @SerializedName("failed") FAILED
        }
        @Override public String type() { return "end"; }
    }

    /**
     * A type this version does not know (written by a newer trainer). Readers keep going; the
     * summary ignores it.
     */
    record Unknown(long t, String type) implements Event {}
}
