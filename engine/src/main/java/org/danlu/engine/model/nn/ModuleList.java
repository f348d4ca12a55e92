package org.danlu.engine.model.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** torch's {@code nn.ModuleList}: children named 0, 1, 2… so paths read {@code layers.3.mlp.fc1.weight}. */
public final class ModuleList<M extends Module> extends Module {
    private final List<M> items = new ArrayList<>();

    /** Appends {@code module} under the next index and returns it. */
    public <T extends M> T add(T module) {
        items.add(child(Integer.toString(items.size()), module));
        return module;
    }

    public M get(int i) {
        return items.get(i);
    }

    public int size() {
        return items.size();
    }

    public List<M> items() {
        return Collections.unmodifiableList(items);
    }
}
