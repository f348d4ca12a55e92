package org.danlu.app.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.danlu.engine.model.SdModels;
import org.danlu.engine.model.load.Checkpoint;
import org.danlu.engine.model.load.Component;
import org.danlu.engine.model.load.LoadReport;

/** The per-model key check {@code model info} prints: each model's tensors against the tree its config describes. */
final class ModelFitCheck {
    record Result(boolean clean, List<String> lines) {}

    private ModelFitCheck() {}

    static Result check(Checkpoint c) {
        List<String> lines = new ArrayList<>();
        Map<Component, LoadReport> fit;
        try {
            fit = SdModels.fit(c);
        } catch (IOException | RuntimeException e) {
            lines.add("config        " + e.getMessage());
            return new Result(false, lines);
        }
        boolean clean = true;
        for (LoadReport r : fit.values()) {
            if (!r.clean()) {
                clean = false;
                lines.add("keys          " + r.describe(5).replace("\n", "\n              "));
            }
        }
        return new Result(clean, lines);
    }
}
