package org.danlu.engine.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * Reads and writes kohya's {@code --dataset_config} TOML. Reading reports what kohya's schema
 * rejects (unknown keys at a level, a subset without image_dir) with file:line:column.
 */
public final class DatasetConfigToml {

    /** A read dataset config and its findings. */
    public record Read(DatasetConfig config, List<ConfigIssue> issues) {
        public Read {
            issues = List.copyOf(issues);
        }
    }

    private DatasetConfigToml() {
    }

    public static Read parse(String text, String source) {
        TomlParseResult toml = Toml.parse(text);
        List<ConfigIssue> issues = new ArrayList<>();
        for (TomlParseError e : toml.errors()) {
            issues.add(ConfigIssue.syntax(source, e));
        }
        for (String top : toml.keySet()) {
            if (!top.equals("general") && !top.equals("datasets")) {
                issues.add(at(source, toml, top, "extra keys not allowed at the top level: use [general] or [[datasets]]"));
            }
        }
        Map<String, Object> general = table(toml.getTable("general"), source, "general",
                join(DatasetConfig.DATASET_KEYS, DatasetConfig.SUBSET_KEYS), issues);
        List<DatasetConfig.Dataset> datasets = new ArrayList<>();
        TomlArray ds = toml.isArray("datasets") ? toml.getArray("datasets") : null;
        for (int i = 0; ds != null && i < ds.size(); i++) {
            TomlTable d = ds.getTable(i);
            List<String> allowed = join(DatasetConfig.DATASET_KEYS, DatasetConfig.SUBSET_KEYS);
            allowed.add("subsets");
            Map<String, Object> options = table(d, source, "datasets[" + i + "]", allowed, issues);
            options.remove("subsets");
            List<Map<String, Object>> subsets = new ArrayList<>();
            TomlArray ss = d.isArray("subsets") ? d.getArray("subsets") : null;
            for (int j = 0; ss != null && j < ss.size(); j++) {
                TomlTable s = ss.getTable(j);
                String where = "datasets[" + i + "].subsets[" + j + "]";
                subsets.add(table(s, source, where, join(DatasetConfig.SUBSET_KEYS, DatasetConfig.SUBSET_ONLY_KEYS), issues));
                if (!s.contains("image_dir") && !s.contains("metadata_file")) {
                    issues.add(new ConfigIssue(ConfigIssue.Severity.ERROR, source, 0, 0, where + ".image_dir",
                            "required key not provided: every subset needs image_dir"));
                }
            }
            datasets.add(new DatasetConfig.Dataset(options, subsets));
        }
        return new Read(new DatasetConfig(general, datasets), issues);
    }

    /** The TOML text of {@code config}: [general], then each [[datasets]] with its [[datasets.subsets]]. */
    public static String write(DatasetConfig config, List<String> headerComment) {
        StringBuilder sb = new StringBuilder();
        for (String line : headerComment) {
            sb.append(line.isEmpty() ? "#" : "# " + line).append('\n');
        }
        sb.append("[general]\n");
        entries(sb, config.general());
        for (DatasetConfig.Dataset d : config.datasets()) {
            sb.append("\n[[datasets]]\n");
            entries(sb, d.options());
            for (Map<String, Object> s : d.subsets()) {
                sb.append("\n  [[datasets.subsets]]\n");
                sb.append(indent(s));
            }
        }
        return sb.toString();
    }

    private static String indent(Map<String, Object> m) {
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append("  ").append(TomlValues.key(k)).append(" = ").append(TomlValues.format(v)).append('\n'));
        return sb.toString();
    }

    private static void entries(StringBuilder sb, Map<String, Object> m) {
        m.forEach((k, v) -> sb.append(TomlValues.key(k)).append(" = ").append(TomlValues.format(v)).append('\n'));
    }

    private static Map<String, Object> table(TomlTable t, String source, String where, List<String> allowed,
                                             List<ConfigIssue> issues) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (t == null) {
            return out;
        }
        for (String k : t.keySet()) {
            List<String> kp = List.of(k);
            if (!allowed.contains(k)) {
                issues.add(ConfigIssue.at(ConfigIssue.Severity.ERROR, source, t.inputPositionOf(kp), where + "." + k,
                        "extra keys not allowed here (kohya rejects the file)"));
            }
            out.put(k, ConfigFileReader.toJava(t.get(kp)));
        }
        return out;
    }

    private static ConfigIssue at(String source, TomlTable t, String key, String message) {
        return ConfigIssue.at(ConfigIssue.Severity.ERROR, source, t.inputPositionOf(List.of(key)), key, message);
    }

    private static List<String> join(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
