package org.danlu.engine.model.nn;

import ai.djl.ndarray.types.Shape;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A node of a model tree. Children and parameters are registered under the reference implementation's names
 * (diffusers / transformers), so {@code namedParameters()} yields exactly the checkpoint keys, e.g.
 * {@code down_blocks.0.resnets.1.conv1.weight}. Java fields keep camelCase; the registered name is what
 * counts.
 */
public abstract class Module {
    private final Map<String, Module> children = new LinkedHashMap<>();
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();

    /** Registers a child under its reference name and returns it, for field initialisation. */
    protected final <M extends Module> M child(String name, M module) {
        if (children.putIfAbsent(name, module) != null) {
            throw new IllegalStateException(getClass().getSimpleName() + " already has a child '" + name + "'");
        }
        return module;
    }

    /** Declares a parameter of the given shape under its reference leaf name. */
    protected final Parameter parameter(String name, long... shape) {
        Parameter p = new Parameter(name, new Shape(shape));
        if (parameters.putIfAbsent(name, p) != null) {
            throw new IllegalStateException(getClass().getSimpleName() + " already has a parameter '" + name + "'");
        }
        return p;
    }

    public final Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    /** Every parameter of this subtree keyed by its dotted path, in registration order. */
    public final Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collectParameters("", out);
        return out;
    }

    private void collectParameters(String prefix, Map<String, Parameter> out) {
        parameters.forEach((n, p) -> out.put(prefix + n, p));
        children.forEach((n, c) -> c.collectParameters(prefix + n + ".", out));
    }

    /** Every module of this subtree keyed by its dotted path; the root is under "". */
    public final Map<String, Module> namedModules() {
        Map<String, Module> out = new LinkedHashMap<>();
        collectModules("", out);
        return out;
    }

    private void collectModules(String path, Map<String, Module> out) {
        out.put(path, this);
        children.forEach((n, c) -> c.collectModules(path.isEmpty() ? n : path + "." + n, out));
    }

    /** Number of scalar weights in this subtree. */
    public final long parameterCount() {
        return namedParameters().values().stream().mapToLong(p -> p.shape().size()).sum();
    }
}
