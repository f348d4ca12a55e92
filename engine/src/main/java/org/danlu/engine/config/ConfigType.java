package org.danlu.engine.config;

/** The value types kohya's options take in a TOML file. */
public enum ConfigType {
    BOOL("true or false"),
    INT("an integer"),
    FLOAT("a number"),
    STRING("a string"),
    /** {@code "512"} or {@code "768,512"}: a string, kohya breaks on an integer. */
    RESOLUTION("a string such as \"512\" or \"768,512\""),
    /** An integer number of steps, or a ratio below 1 of the total steps. */
    STEPS_OR_RATIO("an integer (steps) or a ratio below 1"),
    STRING_LIST("an array of strings, e.g. [\"conv_dim=8\"]"),
    /** A number or an array of numbers ({@code text_encoder_lr}). */
    FLOAT_LIST("a number or an array of numbers");

    private final String description;

    ConfigType(String description) {
        this.description = description;
    }

    /** How the type is described in messages ("must be ..."). */
    public String description() {
        return description;
    }
}
