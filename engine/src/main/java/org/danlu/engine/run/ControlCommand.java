package org.danlu.engine.run;

import java.util.Locale;
import java.util.Optional;

/** What a UI can ask a running trainer to do, through a file in {@code control/}. */
public enum ControlCommand {
    /** Hold the loop between steps until {@code resume} or {@code stop}. */
    PAUSE,
    RESUME,
    /** Save the LoRA (and state) now, then carry on. */
    SAVE,
    /** Render the sample prompts now, then carry on. */
    SAMPLE,
    /** Finish the current step, save, and end with status {@code stopped}. */
    STOP;

    /** The name in file names and in {@code control-ack} events. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ControlCommand> parse(String wire) {
        for (ControlCommand c : values()) {
            if (c.wire().equals(wire)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
