package org.danlu.engine.model.load;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.danlu.engine.model.nn.Module;
import org.danlu.engine.model.nn.Parameter;
import org.danlu.engine.model.nn.Weights;
import org.danlu.engine.tensor.DType;
import org.danlu.engine.tensor.SafetensorsFile;

/**
 * One model of a checkpoint: its diffusers config and, per diffusers parameter name, where the tensor lives.
 * Nothing is read until {@link #load} / {@link #loadInto}; each tensor is then mapped, copied to the manager's
 * device in the requested type, and the mapping dropped, so the heap never holds the checkpoint.
 */
public final class ComponentWeights implements Weights.Source {
    private final Component component;
    private final JsonObject config;
    private final Path configOrigin;
    private final Map<String, MappedTensor> tensors;
    private final List<String> unmapped;
    private final Function<Path, SafetensorsFile> files;

    ComponentWeights(Component component, JsonObject config, Path configOrigin, Map<String, MappedTensor> tensors,
            List<String> unmapped, Function<Path, SafetensorsFile> files) {
        this.component = component;
        this.config = config;
        this.configOrigin = configOrigin;
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        this.unmapped = List.copyOf(unmapped);
        this.files = files;
    }

    public Component component() {
        return component;
    }

    /** The diffusers config.json of this model (read from the folder, or derived for a single file). */
    public JsonObject config() {
        return config.deepCopy();
    }

    /** The file the config came from (config.json, the yaml beside a single file, or the single file itself). */
    public Path configOrigin() {
        return configOrigin;
    }

    /** diffusers name → source, in checkpoint order. */
    public Map<String, MappedTensor> tensors() {
        return tensors;
    }

    /** Checkpoint keys of this model that no rule maps (reported as unexpected). */
    public List<String> unmapped() {
        return unmapped;
    }

    /** For {@link Weights#load}: the checkpoint and the model within it. */
    @Override
    public String describe() {
        MappedTensor any = tensors.values().stream().findFirst().orElse(null);
        return (any == null ? configOrigin : any.file()) + " (" + component.folder() + ")";
    }

    /** For {@link Weights#load}: diffusers name → shape after the transform, read without loading. */
    @Override
    public Map<String, long[]> shapes() {
        Map<String, long[]> out = new LinkedHashMap<>();
        tensors.forEach((n, t) -> out.put(n, t.shape()));
        return out;
    }

    public long parameterCount() {
        return tensors.values().stream().mapToLong(MappedTensor::elements).sum();
    }

    /** Stored dtypes and how many parameters (scalars) each holds. */
    public Map<DType, Long> dtypes() {
        Map<DType, Long> out = new EnumMap<>(DType.class);
        tensors.values().forEach(t -> out.merge(t.dtype(), t.elements(), Long::sum));
        return out;
    }

    /** Reads one parameter (diffusers name) onto {@code manager}'s device as {@code type}; the caller owns it. */
    @Override
    public NDArray load(String name, NDManager manager, DataType type) throws IOException {
        MappedTensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException(component.folder() + " has no parameter '" + name + "'");
        }
        SafetensorsFile f = files.apply(t.file());
        if (t.transform() == Transform.IDENTITY) {
            return f.load(t.key(), manager, type);
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray out = t.transform().apply(f.load(t.key(), scope, type)).duplicate();
            out.attach(manager);
            return out;
        }
    }

    /** Compares this model's tensors with {@code model}'s parameters without reading any tensor. */
    public LoadReport check(Module model) {
        Map<String, long[]> expected = new LinkedHashMap<>();
        model.namedParameters().forEach((n, p) -> expected.put(n, p.shape().getShape()));
        return LoadReport.compare(component, expected, tensors, unmapped);
    }

    /** Strict load: any missing, unexpected or mis-shaped key is an error, raised before anything is read. */
    public LoadReport loadInto(Module model, NDManager manager, DataType type) throws IOException {
        return loadInto(model, manager, type, true);
    }

    /**
     * Fills every parameter of {@code model} that has a tensor of the right shape; with {@code strict} any problem
     * is an error raised before anything is read. Arrays are attached to {@code manager} and frozen (no gradient).
     */
    public LoadReport loadInto(Module model, NDManager manager, DataType type, boolean strict) throws IOException {
        LoadReport report = check(model);
        if (strict && !report.clean()) {
            throw new IOException("the checkpoint does not fit the model: " + report.describe(10));
        }
        for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
            MappedTensor t = tensors.get(e.getKey());
            if (t != null && java.util.Arrays.equals(t.shape(), e.getValue().shape().getShape())) {
                e.getValue().set(load(e.getKey(), manager, type));
            }
        }
        return report;
    }
}
