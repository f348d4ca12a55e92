package org.danlu.engine.config;

/**
 * Where an option belongs: a heading for the Params screen, and the section it is written under
 * in a sectioned {@code --config_file} (the section names of sd-scripts' own example; kohya
 * flattens sections, so the names are only for people).
 */
public enum ConfigGroup {
    MODEL("model_arguments"),
    DATASET("dataset_arguments"),
    NETWORK("additional_network_arguments"),
    OPTIMIZER("optimizer_arguments"),
    SCHEDULER("optimizer_arguments"),
    NOISE("training_arguments"),
    TRAINING("training_arguments"),
    SAVING("saving_arguments"),
    SAMPLES("sample_prompt_arguments"),
    LOGGING("logging_arguments");

    private final String section;

    ConfigGroup(String section) {
        this.section = section;
    }

    /** The TOML table name this group is written under. */
    public String section() {
        return section;
    }
}
