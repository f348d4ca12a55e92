package org.danlu.engine.model.vae;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.danlu.engine.model.nn.Module;

/**
 * torch's {@code nn.ModuleList}: children named 0, 1, 2… so paths read {@code layers.3.mlp.fc1.weight}.
 * (Package-private; the coordinator may unify it with the UNet's equivalent in model.nn.)
 */
final class IndexedModules<M extends Module> extends Module {
    private final List<M> items = new ArrayList<>();

    M add(M module) {
        items.add(child(Integer.toString(items.size()), module));
        return module;
    }

    M get(int i) {
        return items.get(i);
    }

    int size() {
        return items.size();
    }

    List<M> items() {
        return Collections.unmodifiableList(items);
    }
}
