package org.danlu.engine.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.danlu.engine.model.load.Checkpoint;
import org.danlu.engine.model.load.Component;
import org.danlu.engine.model.load.ComponentWeights;
import org.danlu.engine.model.load.Layout;
import org.danlu.engine.model.load.LoadReport;

/**
 * What {@code danlu model info} reports about a checkpoint, without reading a tensor: layout, architecture, configs'
 * source, per-model sizes and dtypes, and everything odd (notes, keys of no model, each model's key check).
 */
public record CheckpointSummary(String path, String layout, String architecture, boolean supported, String predictionType,
        String configSource, List<ModelSummary> models, Map<String, Long> rawGroups, int ignoredTensors, List<String> notes,
        List<String> unexpectedKeys, List<String> keyProblems) {

    /** One model: name (text_encoder, unet, vae), scalar count, tensor count, stored dtypes. */
    public record ModelSummary(String name, long parameters, int tensors, List<String> dtypes) {}

    private static final Gson JSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    public static CheckpointSummary of(Checkpoint c) {
        List<ModelSummary> models = new ArrayList<>();
        for (Component comp : Component.values()) {
            ComponentWeights w = c.components().get(comp);
            if (w != null) {
                models.add(new ModelSummary(comp.folder(), w.parameterCount(), w.tensors().size(),
                        w.dtypes().keySet().stream().map(Enum::name).toList()));
            }
        }
        List<String> problems = new ArrayList<>();
        try {
            for (LoadReport r : SdModels.fit(c).values()) {
                if (!r.clean()) {
                    problems.add(r.describe(5));
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add("the configs do not describe a model we can build: " + e.getMessage());
        }
        return new CheckpointSummary(c.path().toString(),
                c.layout() == Layout.DIFFUSERS_FOLDER ? "diffusers folder" : "single file (LDM names)",
                c.architecture().display(), c.architecture().supported(), c.predictionType(), c.configSource().describe(),
                models, new LinkedHashMap<>(c.rawGroups()), c.ignoredCount(), c.notes(), c.unexpected(), problems);
    }

    /** True when something deserves a look: an unsupported architecture, a note, a stray key, a key problem. */
    public boolean odd() {
        return !supported || !notes.isEmpty() || !unexpectedKeys.isEmpty() || !keyProblems.isEmpty();
    }

    public long totalParameters() {
        return models.stream().mapToLong(ModelSummary::parameters).sum();
    }

    /** The summary as pretty-printed JSON, one field per record component (camelCase names). */
    public String toJson() {
        return JSON.toJson(this);
    }
}
