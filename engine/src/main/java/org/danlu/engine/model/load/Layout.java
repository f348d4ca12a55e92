package org.danlu.engine.model.load;

/** How a checkpoint is stored on disk. */
public enum Layout {
    /** A folder with {@code model_index.json} and one sub-folder (config.json + safetensors) per model. */
    DIFFUSERS_FOLDER,
    /** One safetensors file in the original LDM naming, as A1111 / civitai checkpoints are. */
    SINGLE_FILE
}
