package org.danlu.engine.config;

import java.util.List;
import java.util.Map;

/**
 * A {@code --config_file} as read: its source name, its exact text (kept so that a save changes
 * only the lines whose values changed), the configuration it holds, where each key is written,
 * whether it uses sections, and its TOML syntax errors.
 */
public record ConfigFile(String source, String text, TrainConfig config, Map<String, KeyLocation> locations,
                         boolean sectioned, List<ConfigIssue> syntaxErrors) {

    public ConfigFile {
        locations = Map.copyOf(locations);
        syntaxErrors = List.copyOf(syntaxErrors);
    }

    /** Where {@code key} is written (its effective, last occurrence), or null. */
    public KeyLocation locationOf(String key) {
        return locations.get(key);
    }
}
