package org.danlu.engine.model.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The LDM inference config beside a single-file checkpoint ({@code model.yaml} next to {@code model.safetensors},
 * the A1111 convention), reduced to the values the tensors cannot tell. Every getter is empty when the key is
 * absent, so the caller falls back to the architecture's published default and says so.
 */
final class LdmYaml {
    private final Path file;
    private final Map<String, Object> root;

    private LdmYaml(Path file, Map<String, Object> root) {
        this.file = file;
        this.root = root;
    }

    static LdmYaml read(Path file) throws IOException {
        return new LdmYaml(file, YamlSubset.parse(file));
    }

    /** The yaml with the checkpoint's base name beside it, if there is one ({@code .yaml}, then {@code .yml}). */
    static Optional<Path> besides(Path checkpoint) {
        String name = checkpoint.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        for (String ext : List.of(".yaml", ".yml")) {
            Path p = checkpoint.resolveSibling(base + ext);
            if (java.nio.file.Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    Path file() {
        return file;
    }

    Optional<String> string(String dotted) {
        Object v = root;
        for (String part : dotted.split("\\.")) {
            if (!(v instanceof Map<?, ?> m)) {
                return Optional.empty();
            }
            v = m.get(part);
        }
        return v instanceof String s ? Optional.of(s) : Optional.empty();
    }

    Optional<Integer> integer(String dotted) throws IOException {
        Optional<String> s = string(dotted);
        try {
            return s.map(v -> Integer.parseInt(v.strip()));
        } catch (NumberFormatException e) {
            throw new IOException(file + ": " + dotted + " = '" + s.get() + "' is not an integer");
        }
    }

    Optional<Double> number(String dotted) throws IOException {
        Optional<String> s = string(dotted);
        try {
            return s.map(v -> Double.parseDouble(v.strip()));
        } catch (NumberFormatException e) {
            throw new IOException(file + ": " + dotted + " = '" + s.get() + "' is not a number");
        }
    }

    Optional<Boolean> bool(String dotted) throws IOException {
        Optional<String> s = string(dotted);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        switch (s.get().toLowerCase(Locale.ROOT)) {
            case "true": case "yes": case "on": return Optional.of(true);
            case "false": case "no": case "off": return Optional.of(false);
            default: throw new IOException(file + ": " + dotted + " = '" + s.get() + "' is not true/false");
        }
    }

    Optional<List<Integer>> integers(String dotted) throws IOException {
        Object v = root;
        for (String part : dotted.split("\\.")) {
            if (!(v instanceof Map<?, ?> m)) {
                return Optional.empty();
            }
            v = m.get(part);
        }
        if (!(v instanceof List<?> list)) {
            return Optional.empty();
        }
        List<Integer> out = new ArrayList<>();
        for (Object o : list) {
            try {
                out.add(Integer.parseInt(String.valueOf(o).strip()));
            } catch (NumberFormatException e) {
                throw new IOException(file + ": " + dotted + " holds '" + o + "', not an integer");
            }
        }
        return Optional.of(out);
    }

    boolean has(String dotted) {
        Object v = root;
        for (String part : dotted.split("\\.")) {
            if (!(v instanceof Map<?, ?> m) || !m.containsKey(part)) {
                return false;
            }
            v = m.get(part);
        }
        return true;
    }
}
