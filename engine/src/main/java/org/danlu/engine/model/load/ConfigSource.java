package org.danlu.engine.model.load;

import java.nio.file.Path;

/** Where the values the tensors cannot tell came from; {@code model info} prints {@link #describe()}. */
public record ConfigSource(Kind kind, Path path, Architecture defaults) {

    public enum Kind {
        /** config.json files of a diffusers folder (the checkpoint's own, or one given with --config). */
        DIFFUSERS_CONFIGS,
        /** An LDM inference yaml beside the single file, same base name (A1111 convention). */
        YAML_BESIDE,
        /** No yaml: the detected architecture's published defaults. */
        PUBLISHED_DEFAULTS
    }

    public String describe() {
        switch (kind) {
            case DIFFUSERS_CONFIGS: return "diffusers config.json files in " + path;
            case YAML_BESIDE: return "yaml beside the checkpoint: " + path;
            default: return "published " + defaults.display() + " defaults (no yaml beside the checkpoint)";
        }
    }
}
