package org.danlu.engine.dataset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tag statistics over a selection of images.
 *
 * @param occurrences  how often each tag is written, duplicates in one caption included
 * @param imagesPerTag how many images have each tag
 * @param noCaption    images without a caption file
 * @param emptyCaption images whose caption is blank (or not readable as UTF-8)
 * @param duplicates   images whose caption has a tag more than once, with those tags
 */
public record TagStats(int images, Map<String, Integer> occurrences, Map<String, Integer> imagesPerTag,
                       List<Path> noCaption, List<Path> emptyCaption, Map<Path, List<String>> duplicates) {

    public static TagStats of(List<ImageEntry> entries) {
        Map<String, Integer> occ = new HashMap<>();
        Map<String, Integer> per = new HashMap<>();
        List<Path> none = new ArrayList<>();
        List<Path> empty = new ArrayList<>();
        Map<Path, List<String>> dups = new LinkedHashMap<>();
        for (ImageEntry e : entries) {
            if (!e.hasCaption()) {
                none.add(e.path());
                continue;
            }
            List<String> tags = e.tags();
            if (tags.isEmpty()) {
                empty.add(e.path());
            }
            Set<String> seen = new HashSet<>();
            List<String> twice = new ArrayList<>();
            for (String t : tags) {
                occ.merge(t, 1, Integer::sum);
                if (seen.add(t)) {
                    per.merge(t, 1, Integer::sum);
                } else if (!twice.contains(t)) {
                    twice.add(t);
                }
            }
            if (!twice.isEmpty()) {
                dups.put(e.path(), twice);
            }
        }
        return new TagStats(entries.size(), Map.copyOf(occ), Map.copyOf(per), List.copyOf(none),
                List.copyOf(empty), java.util.Collections.unmodifiableMap(dups));
    }

    /** The tags with most images first (ties alphabetical), at most n. */
    public List<Map.Entry<String, Integer>> top(int n) {
        return imagesPerTag.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue).reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(n).toList();
    }
}
