package org.danlu.engine.dataset;

/** One bulk edit in the undo history; {@code applied} is false for an undone edit that can be redone. */
public record JournalEntry(int id, long time, String description, int files, boolean applied) {
}
