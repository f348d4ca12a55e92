package org.danlu.engine.dataset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The numbers {@code danlu scan} and the dataset screen show: a histogram of upright shorter sides,
 * the most common exact sizes, and the top tags.
 */
public record ScanSummary(List<SizeRange> sizeHistogram, List<CommonSize> commonSizes, TagStats tags) {

    /** Images whose shorter upright side is in {@code [minSide, maxSide]} (maxSide -1: no upper bound). */
    public record SizeRange(int minSide, int maxSide, int images) {
        public String label() {
            return maxSide < 0 ? minSide + "+" : minSide + "-" + maxSide;
        }
    }

    public record CommonSize(int width, int height, int images) {
    }

    private static final int[] EDGES = {0, 256, 512, 768, 1024, 1536, 2048};

    public static ScanSummary of(DatasetScan scan) {
        List<ImageEntry> images = scan.images();
        int[] counts = new int[EDGES.length];
        Map<Long, Integer> sizes = new HashMap<>();
        for (ImageEntry e : images) {
            int side = Math.min(e.width(), e.height());
            int k = EDGES.length - 1;
            while (side < EDGES[k]) {
                k--;
            }
            counts[k]++;
            sizes.merge(((long) e.width() << 32) | e.height(), 1, Integer::sum);
        }
        List<SizeRange> hist = new ArrayList<>();
        for (int k = 0; k < EDGES.length; k++) {
            if (counts[k] > 0) {
                hist.add(new SizeRange(EDGES[k], k + 1 < EDGES.length ? EDGES[k + 1] - 1 : -1, counts[k]));
            }
        }
        List<CommonSize> common = sizes.entrySet().stream()
                .map(en -> new CommonSize((int) (en.getKey() >>> 32), (int) (long) en.getKey(), en.getValue()))
                .sorted(Comparator.comparingInt(CommonSize::images).reversed()
                        .thenComparingInt(CommonSize::width).thenComparingInt(CommonSize::height))
                .limit(10).toList();
        return new ScanSummary(hist, common, TagStats.of(images));
    }
}
