package org.danlu.engine.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * kohya's {@code optimizer_args}: items {@code key=value}, each value a Python literal as
 * {@code ast.literal_eval} reads it — {@code 0.01}, {@code 1e-6}, {@code True}/{@code False},
 * {@code None}, {@code 'text'} (strings need quotes), tuples {@code (0.9,0.99)} or bare
 * {@code 0.9,0.99}, lists {@code [0.9, 0.99]}. Values are Long, Double, Boolean, String, null or
 * a List of those.
 */
public final class OptimizerArgs {

    private final Map<String, Object> values;

    private OptimizerArgs(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static OptimizerArgs empty() {
        return new OptimizerArgs(new LinkedHashMap<>());
    }

    /** Parses a TOML array of items ({@code optimizer_args = ["weight_decay=0.01", "betas=0.9,0.999"]}). */
    public static OptimizerArgs parse(List<String> items) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String item : items) {
            String[] kv = item.split("=", -1);
            if (kv.length != 2) {
                throw new IllegalArgumentException("optimizer_args: '" + item
                        + "' must be exactly one key=value (e.g. weight_decay=0.01)");
            }
            String key = kv[0].trim();
            if (key.isEmpty()) {
                throw new IllegalArgumentException("optimizer_args: '" + item + "' has no key before '='");
            }
            out.put(key, literal(kv[1].trim(), key));
        }
        return new OptimizerArgs(out);
    }

    /** Parses items separated by spaces, as typed on a command line ({@code weight_decay=0.01 betas=0.9,0.999}). */
    public static OptimizerArgs parseLine(String line) {
        List<String> items = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (Character.isWhitespace(c) && depth == 0) {
                if (cur.length() > 0) {
                    items.add(cur.toString());
                    cur.setLength(0);
                }
                continue;
            }
            cur.append(c);
        }
        if (cur.length() > 0) {
            items.add(cur.toString());
        }
        return parse(items);
    }

    private static Object literal(String text, String key) {
        String t = text.trim();
        if ((t.startsWith("(") && t.endsWith(")")) || (t.startsWith("[") && t.endsWith("]"))) {
            return sequence(t.substring(1, t.length() - 1), key);
        }
        if (t.length() >= 2 && (t.charAt(0) == '\'' || t.charAt(0) == '"') && t.charAt(t.length() - 1) == t.charAt(0)) {
            return t.substring(1, t.length() - 1);
        }
        if (t.contains(",")) {
            return sequence(t, key); // Python reads a bare a,b as a tuple
        }
        switch (t) {
            case "True":
                return Boolean.TRUE;
            case "False":
                return Boolean.FALSE;
            case "None":
                return null;
            default:
                break;
        }
        try {
            if (t.matches("[+-]?\\d+")) {
                return Long.parseLong(t);
            }
            if (t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                return Double.parseDouble(t);
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new IllegalArgumentException("optimizer_args: value '" + text + "' of '" + key
                + "' is not a Python literal; write a number (0.01), True/False, None, a tuple (0.9,0.999) or a quoted string ('text')");
    }

    private static List<Object> sequence(String inner, String key) {
        List<Object> out = new ArrayList<>();
        for (String part : inner.split(",", -1)) {
            if (!part.isBlank()) {
                out.add(literal(part, key));
            }
        }
        return out;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public Map<String, Object> values() {
        return values;
    }

    /** Refuses keys the optimizer does not take, naming them and the accepted ones. */
    public void requireOnly(Set<String> accepted, String optimizer) {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(accepted);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("optimizer_args: " + optimizer + " does not take " + unknown
                    + "; it accepts " + new TreeSet<>(accepted));
        }
    }

    public double getDouble(String key, double fallback) {
        if (!values.containsKey(key)) {
            return fallback;
        }
        Object v = values.get(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("optimizer_args: " + key + " must be a number, got " + v);
    }

    /** A number or None (returned as null); absent gives {@code fallback}. */
    public Double getNullableDouble(String key, Double fallback) {
        if (!values.containsKey(key)) {
            return fallback;
        }
        return values.get(key) == null ? null : getDouble(key, 0);
    }

    public boolean getBoolean(String key, boolean fallback) {
        if (!values.containsKey(key)) {
            return fallback;
        }
        Object v = values.get(key);
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("optimizer_args: " + key + " must be True or False, got " + v);
    }

    /** A tuple of {@code size} numbers, e.g. betas. */
    public double[] getDoubles(String key, double... fallback) {
        if (!values.containsKey(key)) {
            return fallback;
        }
        Object v = values.get(key);
        if (v instanceof List<?> list && list.size() == fallback.length && list.stream().allMatch(x -> x instanceof Number)) {
            return list.stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
        }
        throw new IllegalArgumentException("optimizer_args: " + key + " must be " + fallback.length
                + " numbers like " + key + "=" + join(fallback) + ", got " + v);
    }

    private static String join(double[] xs) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < xs.length; i++) {
            b.append(i == 0 ? "" : ",").append(xs[i]);
        }
        return b.toString();
    }
}
