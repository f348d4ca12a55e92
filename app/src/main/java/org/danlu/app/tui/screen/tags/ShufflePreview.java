package org.danlu.app.tui.screen.tags;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.danlu.engine.dataset.TagLine;

/**
 * One sample of what the trainer sees with {@code shuffle_caption}: the kept tags stay in front in
 * their order, the rest are shuffled, and with tag dropout each unkept tag is left out with the
 * given probability (kohya's {@code caption_tag_dropout_rate}). Kept tags are the ones before a
 * {@code |||} separator when the caption has one (kohya's {@code keep_tokens_separator}), else the
 * first {@code keep_tokens}.
 *
 * @param kept tags that never move
 * @param shuffled the other tags in this sample's order
 * @param dropped tags this sample left out
 */
public record ShufflePreview(List<String> kept, List<String> shuffled, List<String> dropped) {

    public static ShufflePreview sample(List<String> items, int keepTokens, double dropout, Random random) {
        List<String> kept = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        int sep = items.indexOf(TagLine.KEEP);
        for (int i = 0; i < items.size(); i++) {
            String t = items.get(i);
            if (TagLine.KEEP.equals(t)) {
                continue;
            }
            boolean keep = sep >= 0 ? i < sep : kept.size() < keepTokens;
            (keep ? kept : rest).add(t);
        }
        Collections.shuffle(rest, random);
        List<String> shown = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (String t : rest) {
            (dropout > 0 && random.nextDouble() < dropout ? dropped : shown).add(t);
        }
        return new ShufflePreview(List.copyOf(kept), List.copyOf(shown), List.copyOf(dropped));
    }

    /** The tags in the order the text encoder gets them: kept, then shuffled. */
    public List<String> order() {
        List<String> all = new ArrayList<>(kept);
        all.addAll(shuffled);
        return all;
    }

    /** The caption line the text encoder would get. */
    public String line() {
        return String.join(", ", order());
    }
}
