package org.danlu.app.tui.state;

import java.util.Comparator;
import org.danlu.engine.dataset.ImageEntry;

/** Orders of the image list; {@code s} cycles through them. NAME is kohya's (sorted path) order. */
public enum ImageSort {
    NAME(Comparator.comparing(ImageEntry::path)),
    SIZE(Comparator.comparingLong((ImageEntry e) -> (long) e.width() * e.height()).reversed()
            .thenComparing(ImageEntry::path)),
    CAPTION(Comparator.comparingInt((ImageEntry e) -> e.tags().size()).thenComparing(ImageEntry::path)),
    ASPECT(Comparator.comparingDouble((ImageEntry e) -> e.height() == 0 ? 0 : (double) e.width() / e.height())
            .thenComparing(ImageEntry::path));

    private final Comparator<ImageEntry> order;

    ImageSort(Comparator<ImageEntry> order) {
        this.order = order;
    }

    public Comparator<ImageEntry> order() {
        return order;
    }

    public ImageSort next() {
        return values()[(ordinal() + 1) % values().length];
    }

    /** Message key of its name. */
    public String labelKey() {
        return "sort." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
