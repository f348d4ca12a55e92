package org.danlu.engine.dataset;

import java.nio.file.Path;

/** One caption an edit (or undo/redo) changed, with its first line before and after, for display. */
public record CaptionChange(Path caption, String before, String after) {
}
