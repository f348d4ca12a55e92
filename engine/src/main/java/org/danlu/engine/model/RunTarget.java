package org.danlu.engine.model;

import java.util.List;
import java.util.Locale;
import org.danlu.engine.model.load.Component;

/**
 * What {@code danlu model run --component} can run, with the tensor names it reads and writes (the names of the
 * golden files in fixtures/tiny-sd/golden).
 */
public enum RunTarget {
    TEXT_ENCODER(Component.TEXT_ENCODER, List.of("input_ids"),
            List.of("last_hidden_state", "clip_skip_2", "penultimate_raw", "pooler_output")),
    UNET(Component.UNET, List.of("sample", "timestep", "encoder_hidden_states"), List.of("out")),
    VAE_ENCODER(Component.VAE, List.of("image"), List.of("mean", "logvar")),
    VAE_DECODER(Component.VAE, List.of("z"), List.of("image"));

    private final Component component;
    private final List<String> inputs;
    private final List<String> outputs;

    RunTarget(Component component, List<String> inputs, List<String> outputs) {
        this.component = component;
        this.inputs = inputs;
        this.outputs = outputs;
    }

    /** The model of the checkpoint this target runs. */
    public Component component() {
        return component;
    }

    public List<String> inputs() {
        return inputs;
    }

    public List<String> outputs() {
        return outputs;
    }

    /** The name users type: text_encoder, unet, vae_encoder, vae_decoder. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunTarget parse(String s) {
        for (RunTarget t : values()) {
            if (t.cliName().equals(s)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown component '" + s + "'; expected one of text_encoder, unet, vae_encoder, vae_decoder");
    }
}
