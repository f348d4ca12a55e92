package org.danlu.engine.dataset;

/**
 * One bulk edit in the undo history; {@code applied} is false for an undone edit that can be redone.
 * {@code label} is what the user was shown for it (null for edits from the command line and older journals).
 */
public record JournalEntry(int id, long time, String description, String label, int files, boolean applied) {
    /** The label, else the description. */
    public String shown() {
        return label != null ? label : description;
    }
}
