package org.danlu.engine.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Built-in starting configurations, shipped as kohya {@code --config_file} TOML resources. Derived
 * from the kohya_ss GUI's LoraBasicSettings / LoraLowVRAMSettings examples, without their paths.
 */
public final class Presets {

    /** Preset names, in menu order. */
    public static final List<String> NAMES = List.of("basic", "low-VRAM");

    private Presets() {
    }

    /** The preset's file as read; the source is {@code preset:NAME}. */
    public static ConfigFile load(String name) {
        String resource = switch (name.toLowerCase()) {
            case "basic" -> "presets/basic.toml";
            case "low-vram", "lowvram", "low_vram" -> "presets/low-vram.toml";
            default -> throw new IllegalArgumentException("no preset named \"" + name + "\": use one of " + String.join(", ", NAMES));
        };
        try (InputStream in = Presets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("preset resource " + resource + " is missing from the build");
            }
            return ConfigFileReader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "preset:" + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
