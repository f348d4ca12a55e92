package org.danlu.app.cli;

import java.util.ArrayList;
import java.util.List;
import org.danlu.engine.model.load.Checkpoint;
import org.danlu.engine.model.load.Component;
import org.danlu.engine.model.load.ComponentWeights;

/** The per-model key check {@code model info} prints: unmapped keys now; against the model trees once they exist. */
final class ModelFitCheck {
    record Result(boolean clean, List<String> lines) {}

    private ModelFitCheck() {}

    static Result check(Checkpoint c) {
        List<String> lines = new ArrayList<>();
        boolean clean = true;
        for (Component comp : Component.values()) {
            ComponentWeights w = c.components().get(comp);
            if (w == null || w.unmapped().isEmpty()) {
                continue;
            }
            clean = false;
            lines.add("unmapped      " + comp.folder() + ": " + w.unmapped().size() + " keys no rule knows, e.g. " + w.unmapped().get(0));
        }
        return new Result(clean, lines);
    }
}
