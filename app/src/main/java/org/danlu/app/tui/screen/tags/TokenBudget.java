package org.danlu.app.tui.screen.tags;

import java.util.ArrayList;
import java.util.List;
import org.danlu.engine.model.clip.TokenWindows;

/**
 * A caption line against the trainer's token limit: its CLIP token count (BOS and EOS not counted,
 * as in kohya's 75 per window), the limit ({@link TokenWindows#TOKENS_PER_WINDOW} per window), and
 * where in the line each window boundary falls, so the tags past the limit, which the trainer
 * drops, can be marked.
 *
 * @param tokens     the line's token count
 * @param limit      tokens the trainer keeps
 * @param boundaries for k = 1..windows, the string index where token k·75 starts (the first token
 *                   of window k+1, or past the limit for the last), or the line length when the
 *                   line has fewer tokens
 */
record TokenBudget(int tokens, int limit, int[] boundaries) {

    /** From the start index of each of the line's tokens ({@code ClipTokenizer.tokenStarts}). */
    static TokenBudget of(int[] tokenStarts, int lineLength, int windows) {
        int[] b = new int[windows];
        for (int k = 1; k <= windows; k++) {
            int token = k * TokenWindows.TOKENS_PER_WINDOW;
            b[k - 1] = token < tokenStarts.length ? tokenStarts[token] : lineLength;
        }
        return new TokenBudget(tokenStarts.length, windows * TokenWindows.TOKENS_PER_WINDOW, b);
    }

    int windows() {
        return boundaries.length;
    }

    /** Whether text ending at string index {@code end} (exclusive) is wholly or partly past the limit. */
    boolean cut(int end) {
        return end > boundaries[boundaries.length - 1];
    }

    /**
     * The window boundaries inside the limit (as token counts: 75, 150) that fall in [from, end): for
     * a tag ending at {@code end} whose previous tag ended at {@code from}, the boundaries in the tag
     * or in the ", " before it, i.e. the windows that begin with this tag.
     */
    List<Integer> windowsBeginning(int from, int end) {
        List<Integer> out = new ArrayList<>();
        for (int k = 1; k < boundaries.length; k++) {
            if (boundaries[k - 1] >= from && boundaries[k - 1] < end) {
                out.add(k * TokenWindows.TOKENS_PER_WINDOW);
            }
        }
        return out;
    }
}
