package org.danlu.app.tui.keys;

import java.util.function.IntConsumer;
import java.util.function.IntSupplier;

/** The list-movement bindings every list shares: arrows or j/k, pages, home/end. */
public final class Navigation {
    private Navigation() {
    }

    /** Adds the bindings; {@code move} gets a delta (large values clamp at the ends). */
    public static Keymap add(Keymap map, IntConsumer move, IntSupplier page) {
        return map.add("Up k", "key.up", false, () -> move.accept(-1))
                .add("Down j", "key.down", false, () -> move.accept(1))
                .add("PgUp", "key.pageUp", false, () -> move.accept(-Math.max(1, page.getAsInt())))
                .add("PgDn", "key.pageDown", false, () -> move.accept(Math.max(1, page.getAsInt())))
                .add("Home", "key.home", false, () -> move.accept(-1_000_000))
                .add("End", "key.end", false, () -> move.accept(1_000_000));
    }
}
