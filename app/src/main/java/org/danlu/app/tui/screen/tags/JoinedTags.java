package org.danlu.app.tui.screen.tags;

import java.util.List;

/**
 * Tags joined the way the trainer joins them after shuffling (kohya: {@code ", ".join(tokens)}),
 * with where each tag ends in the line, so a {@link TokenBudget} of the line can say which tags
 * fall past the limit.
 *
 * @param tags the tags in order
 * @param line the joined line
 * @param ends for each tag, the string index just after it
 */
record JoinedTags(List<String> tags, String line, int[] ends) {
    static final String SEPARATOR = ", ";

    static JoinedTags of(List<String> tags) {
        int[] ends = new int[tags.size()];
        int at = 0;
        for (int i = 0; i < tags.size(); i++) {
            at += (i == 0 ? 0 : SEPARATOR.length()) + tags.get(i).length();
            ends[i] = at;
        }
        return new JoinedTags(List.copyOf(tags), String.join(SEPARATOR, tags), ends);
    }

    /** Where the text before tag {@code i} ends: the previous tag's end (its separator follows). */
    int previousEnd(int i) {
        return i == 0 ? 0 : ends[i - 1];
    }

    /** Whether tag {@code i} is wholly or partly past the budget's limit. */
    boolean cut(int i, TokenBudget budget) {
        return budget != null && budget.cut(ends[i]);
    }

    /** How many tags are past the budget's limit. */
    int cutCount(TokenBudget budget) {
        int n = 0;
        for (int i = 0; i < ends.length; i++) {
            n += cut(i, budget) ? 1 : 0;
        }
        return n;
    }
}
