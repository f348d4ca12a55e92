package org.danlu.app.tui.keys;

import java.util.List;

/**
 * A key binding as data: the keys, the message key of its label, whether the status bar shows it,
 * and what it does. The status bar and the {@code ?} help are generated from these, so they can
 * never disagree with what the keys really do.
 *
 * @param keys keys that trigger it (the first is the one shown)
 * @param labelKey message key of the short label
 * @param inBar shown in the status bar (only the keys that matter on this screen)
 * @param action what happens; runs on the GUI thread
 */
public record Binding(List<KeySpec> keys, String labelKey, boolean inBar, Runnable action) {

    /** A binding from key notations, e.g. {@code Binding.of("u", "key.undo", true, this::undo)}. */
    public static Binding of(String keys, String labelKey, boolean inBar, Runnable action) {
        List<KeySpec> specs = java.util.Arrays.stream(keys.split(" ")).map(KeySpec::parse).toList();
        return new Binding(specs, labelKey, inBar, action);
    }

    /** The keys as shown to the user, e.g. {@code "u"} or {@code "1..6"}-style joined labels. */
    public String keyLabel() {
        return String.join("/", keys.stream().map(KeySpec::label).toList());
    }
}
