package org.danlu.engine.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.danlu.engine.tensor.SafetensorsFile;
import org.danlu.engine.tensor.TensorInfo;

/**
 * Fills a module tree's parameters from named tensors whose names are the tree's parameter paths. Strict: every
 * parameter must be present with its declared shape and nothing else may be offered, else nothing is loaded
 * and the error lists what is missing, unexpected and mis-shaped. Key renaming (LDM → diffusers) belongs to the
 * caller's {@link Source}.
 */
public final class Weights {
    private Weights() {}

    /** Named tensors by parameter path: their shapes (read without loading), and a loader for one of them. */
    public interface Source {
        /** Where the tensors come from, for error messages. */
        String describe();

        /** Parameter path → shape, for every tensor offered. */
        Map<String, long[]> shapes();

        NDArray load(String name, NDManager manager, DataType type) throws IOException;
    }

    /** What a source lacks, adds or mis-shapes relative to a tree. Empty lists: the source fits exactly. */
    public record Check(List<String> missing, List<String> unexpected, List<String> wrongShape) {
        public boolean ok() {
            return missing.isEmpty() && unexpected.isEmpty() && wrongShape.isEmpty();
        }
    }

    /** A safetensors file whose tensor names are already the parameter paths (a diffusers component file). */
    public static Source of(SafetensorsFile file) {
        return new Source() {
            @Override
            public String describe() {
                return file.path().toString();
            }

            @Override
            public Map<String, long[]> shapes() {
                Map<String, long[]> out = new java.util.LinkedHashMap<>();
                for (TensorInfo t : file.tensors().values()) {
                    out.put(t.name(), t.shape());
                }
                return out;
            }

            @Override
            public NDArray load(String name, NDManager manager, DataType type) throws IOException {
                return file.load(name, manager, type);
            }
        };
    }

    /** Compares the source's names and shapes with the tree's parameters (no tensor is read). */
    public static Check check(Module root, Map<String, long[]> offered) {
        Map<String, Parameter> params = root.namedParameters();
        List<String> missing = new ArrayList<>();
        List<String> wrongShape = new ArrayList<>();
        params.forEach((name, p) -> {
            long[] shape = offered.get(name);
            if (shape == null) {
                missing.add(name);
            } else if (!Arrays.equals(shape, p.shape().getShape())) {
                wrongShape.add(name + " expected " + p.shape() + " found " + Arrays.toString(shape));
            }
        });
        List<String> unexpected = new ArrayList<>(new TreeSet<>(offered.keySet()));
        unexpected.removeAll(params.keySet());
        return new Check(missing, unexpected, wrongShape);
    }

    /**
     * Loads every parameter of {@code root} from {@code source} as {@code type} into {@code manager}, after a
     * strict {@link #check}. Loaded weights do not require gradients (frozen).
     *
     * @throws IllegalArgumentException naming the source and the offending keys when the check fails
     */
    public static void load(Module root, Source source, NDManager manager, DataType type) throws IOException {
        Check c = check(root, source.shapes());
        if (!c.ok()) {
            throw new IllegalArgumentException(source.describe() + ": weights do not match the model: "
                    + summary("missing", c.missing()) + summary("unexpected", c.unexpected())
                    + summary("wrong shape", c.wrongShape()));
        }
        for (Map.Entry<String, Parameter> e : root.namedParameters().entrySet()) {
            e.getValue().set(source.load(e.getKey(), manager, type));
        }
    }

    private static String summary(String what, List<String> keys) {
        if (keys.isEmpty()) {
            return "";
        }
        List<String> shown = keys.subList(0, Math.min(5, keys.size()));
        return what + " " + keys.size() + " " + shown + (keys.size() > shown.size() ? "…" : "") + "; ";
    }
}
