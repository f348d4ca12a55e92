package org.danlu.engine.run;

import java.util.Locale;

/** Where a run stands, as {@code danlu runs}, {@code danlu monitor} and the UI show it. */
public enum RunStatus {
    /** Launched; the trainer has not written {@code start} yet. */
    STARTING,
    RUNNING,
    /** The trainer acknowledged {@code pause} and waits for {@code resume} or {@code stop}. */
    PAUSED,
    DONE,
    STOPPED,
    /** Ended with {@code end failed}, or the trainer process is gone without an {@code end} event. */
    FAILED;

    public boolean isFinished() {
        return this == DONE || this == STOPPED || this == FAILED;
    }

    /** The exit code of {@code danlu monitor}: 0 done, 3 stopped, 1 failed (and 4 if not finished). */
    public int exitCode() {
        return switch (this) {
            case DONE -> 0;
            case STOPPED -> 3;
            case FAILED -> 1;
            default -> 4;
        };
    }

    /** The lower-case word used in tables and JSON. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RunStatus of(Event.End.Status status) {
        if (status == null) {
            return FAILED; // a newer trainer's status we do not know: not "done"
        }
        return switch (status) {
            case DONE -> DONE;
            case STOPPED -> STOPPED;
            case FAILED -> FAILED;
        };
    }
}
