package org.danlu.engine.model.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.danlu.engine.model.nn.Module;
import org.danlu.engine.model.nn.Parameter;
import org.danlu.engine.tensor.SafetensorsFile;
import org.danlu.engine.tensor.TensorInfo;

/**
 * Fills every parameter of a module tree from a safetensors file whose keys are the tree's paths, strictly:
 * a missing, unexpected or mis-shaped key is an error listing all of them. Stands in until the shared loader
 * ({@code model.nn.Weights}) lands; layout detection and key mapping are not this class's job.
 */
final class StrictLoad {
    private StrictLoad() {}

    /**
     * @param ignored keys the file may hold that are no parameters (e.g. a persistent {@code position_ids} buffer)
     */
    static void load(Module root, SafetensorsFile file, NDManager manager, DataType type, Set<String> ignored)
            throws IOException {
        Map<String, Parameter> params = root.namedParameters();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            if (!file.contains(e.getKey())) {
                problems.add("missing " + e.getKey() + " " + java.util.Arrays.toString(e.getValue().shape().getShape()));
                continue;
            }
            TensorInfo t = file.info(e.getKey());
            if (!new Shape(t.shape()).equals(e.getValue().shape())) {
                problems.add("shape of " + e.getKey() + " is " + t.shapeString() + ", expected "
                        + java.util.Arrays.toString(e.getValue().shape().getShape()));
            }
        }
        Set<String> unexpected = new TreeSet<>(file.tensors().keySet());
        unexpected.removeAll(params.keySet());
        unexpected.removeAll(ignored);
        unexpected.forEach(k -> problems.add("unexpected " + k));
        if (!problems.isEmpty()) {
            int shown = Math.min(problems.size(), 20);
            throw new IOException(file.path() + ": weights do not match the " + root.getClass().getSimpleName()
                    + " config (" + problems.size() + " problems): " + String.join("; ", problems.subList(0, shown))
                    + (shown < problems.size() ? "; …" : "")
                    + ". Check that the config.json beside it belongs to these weights.");
        }
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            NDArray v = file.load(e.getKey(), manager, type);
            e.getValue().set(v);
        }
    }
}
