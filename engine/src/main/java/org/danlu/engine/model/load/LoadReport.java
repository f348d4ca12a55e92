package org.danlu.engine.model.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How a component's mapped tensors fit a model tree: parameters with no tensor ({@code missing}), tensors with
 * no parameter or no key rule ({@code unexpected}), and shape disagreements ({@code misShaped}, "name: file
 * [..] vs model [..]"). Loading is strict by default: any entry is an error listing them.
 */
public record LoadReport(Component component, List<String> missing, List<String> unexpected, List<String> misShaped) {

    public LoadReport {
        missing = List.copyOf(missing);
        unexpected = List.copyOf(unexpected);
        misShaped = List.copyOf(misShaped);
    }

    /** Compares mapped tensors (plus keys no rule matched) with the parameter shapes a model expects. */
    static LoadReport compare(Component component, Map<String, long[]> expected, Map<String, MappedTensor> mapped,
            List<String> unmapped) {
        List<String> missing = new ArrayList<>();
        List<String> misShaped = new ArrayList<>();
        List<String> unexpected = new ArrayList<>(unmapped);
        expected.forEach((name, shape) -> {
            MappedTensor t = mapped.get(name);
            if (t == null) {
                missing.add(name);
            } else if (!Arrays.equals(t.shape(), shape)) {
                misShaped.add(name + ": checkpoint " + Arrays.toString(t.shape()) + " (" + t.key() + ") vs model " + Arrays.toString(shape));
            }
        });
        for (String name : mapped.keySet()) {
            if (!expected.containsKey(name)) {
                unexpected.add(name + " (" + mapped.get(name).key() + ")");
            }
        }
        return new LoadReport(component, missing, unexpected, misShaped);
    }

    public boolean clean() {
        return missing.isEmpty() && unexpected.isEmpty() && misShaped.isEmpty();
    }

    /** One readable paragraph, at most {@code limit} names per list. */
    public String describe(int limit) {
        if (clean()) {
            return component.folder() + ": every parameter has a tensor of the right shape";
        }
        StringBuilder sb = new StringBuilder(component.folder() + ":");
        append(sb, "missing", missing, limit);
        append(sb, "unexpected", unexpected, limit);
        append(sb, "mis-shaped", misShaped, limit);
        return sb.toString();
    }

    private static void append(StringBuilder sb, String what, List<String> names, int limit) {
        if (names.isEmpty()) {
            return;
        }
        sb.append("\n  ").append(names.size()).append(' ').append(what).append(':');
        names.stream().limit(limit).forEach(n -> sb.append("\n    ").append(n));
        if (names.size() > limit) {
            sb.append("\n    ... and ").append(names.size() - limit).append(" more");
        }
    }
}
