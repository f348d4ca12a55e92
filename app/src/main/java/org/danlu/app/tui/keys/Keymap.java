package org.danlu.app.tui.keys;

import com.googlecode.lanterna.input.KeyStroke;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An ordered list of bindings; the first binding whose key matches wins. */
public final class Keymap {
    private final List<Binding> bindings = new ArrayList<>();

    public Keymap add(Binding b) {
        bindings.add(b);
        return this;
    }

    public Keymap add(String keys, String labelKey, boolean inBar, Runnable action) {
        return add(Binding.of(keys, labelKey, inBar, action));
    }

    public Keymap addAll(Keymap other) {
        bindings.addAll(other.bindings);
        return this;
    }

    public Optional<Binding> find(KeyStroke k) {
        return bindings.stream().filter(b -> b.keys().stream().anyMatch(s -> s.matches(k))).findFirst();
    }

    public List<Binding> all() {
        return List.copyOf(bindings);
    }

    public List<Binding> inBar() {
        return bindings.stream().filter(Binding::inBar).toList();
    }
}
