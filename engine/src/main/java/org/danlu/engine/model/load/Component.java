package org.danlu.engine.model.load;

/** The three models of a Stable Diffusion checkpoint, named as the diffusers folder names them. */
public enum Component {
    TEXT_ENCODER("text_encoder"),
    UNET("unet"),
    VAE("vae");

    private final String folder;

    Component(String folder) {
        this.folder = folder;
    }

    /** The sub-folder of a diffusers layout, also the name users type. */
    public String folder() {
        return folder;
    }
}
