package org.danlu.engine.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Reads kohya's {@code --config_file} TOML the way sd-scripts does: top-level tables are flattened
 * one level into the option set (a later duplicate wins, the first occurrence keeps its place),
 * other top-level keys are taken as they are. Syntax errors carry file:line:column.
 */
public final class ConfigFileReader {

    private ConfigFileReader() {
    }

    /** Reads a file; a missing {@code .toml} extension is added as kohya does when the plain name does not exist. */
    public static ConfigFile read(Path path) throws IOException {
        Path p = path;
        if (!Files.exists(p) && !p.toString().endsWith(".toml")) {
            p = Path.of(p + ".toml");
        }
        if (!Files.isRegularFile(p)) {
            throw new IOException(path + ": config file not found");
        }
        return parse(Files.readString(p, StandardCharsets.UTF_8), p.toString());
    }

    /** Parses TOML text; {@code source} names it in messages. */
    public static ConfigFile parse(String text, String source) {
        TomlParseResult toml = Toml.parse(text);
        List<ConfigIssue> errors = new ArrayList<>();
        for (TomlParseError e : toml.errors()) {
            errors.add(ConfigIssue.syntax(source, e));
        }
        LinkedHashMap<String, Object> values = new LinkedHashMap<>();
        Map<String, KeyLocation> locations = new LinkedHashMap<>();
        boolean sectioned = false;
        for (String top : toml.keySet()) {
            List<String> topPath = List.of(top);
            Object v = toml.get(topPath);
            if (v instanceof TomlTable table) {
                sectioned = true;
                for (String k : table.keySet()) {
                    List<String> kp = List.of(k);
                    values.put(k, toJava(table.get(kp)));
                    locations.put(k, location(top, table.inputPositionOf(kp)));
                }
            } else {
                values.put(top, toJava(v));
                locations.put(top, location(null, toml.inputPositionOf(topPath)));
            }
        }
        return new ConfigFile(source, text, TrainConfig.of(values), locations, sectioned, errors);
    }

    private static KeyLocation location(String section, TomlPosition pos) {
        return pos == null ? new KeyLocation(section, 0, 0) : new KeyLocation(section, pos.line(), pos.column());
    }

    /** tomlj values to plain Java: arrays to lists, tables to ordered maps. */
    static Object toJava(Object v) {
        if (v instanceof TomlArray a) {
            List<Object> out = new ArrayList<>(a.size());
            for (int i = 0; i < a.size(); i++) {
                out.add(toJava(a.get(i)));
            }
            return out;
        }
        if (v instanceof TomlTable t) {
            LinkedHashMap<String, Object> out = new LinkedHashMap<>();
            for (String k : t.keySet()) {
                out.put(k, toJava(t.get(List.of(k))));
            }
            return out;
        }
        return v;
    }
}
