package org.danlu.engine.model.load;

/**
 * Stable Diffusion families, with the published values a single-file checkpoint's tensors cannot tell
 * (from the reference configs v1-inference.yaml, v2-inference(-v).yaml, sd_xl_base.yaml).
 */
public enum Architecture {
    /** SD 1.x: OpenAI CLIP ViT-L/14 text encoder, 8 heads per UNet block, conv proj_in/proj_out. */
    SD1("SD1.x", true, 8, -1, "quick_gelu", 0.18215, 64),
    /** SD 2.x: OpenCLIP ViT-H/14 (penultimate layer), 64 channels per head, linear proj_in/proj_out. */
    SD2("SD2.x", true, -1, 64, "gelu", 0.18215, 64),
    /** SDXL: two text encoders and added conditioning; recognised, not yet supported. */
    SDXL("SDXL", false, -1, 64, "gelu", 0.13025, 128);

    private final String display;
    private final boolean supported;
    private final int numHeads;
    private final int numHeadChannels;
    private final String textActivation;
    private final double vaeScalingFactor;
    private final int latentSize;

    Architecture(String display, boolean supported, int numHeads, int numHeadChannels, String textActivation,
            double vaeScalingFactor, int latentSize) {
        this.display = display;
        this.supported = supported;
        this.numHeads = numHeads;
        this.numHeadChannels = numHeadChannels;
        this.textActivation = textActivation;
        this.vaeScalingFactor = vaeScalingFactor;
        this.latentSize = latentSize;
    }

    public String display() {
        return display;
    }

    public boolean supported() {
        return supported;
    }

    /** UNet heads per attention block (LDM {@code num_heads}); -1 when the head size is fixed instead. */
    public int numHeads() {
        return numHeads;
    }

    /** UNet channels per head (LDM {@code num_head_channels}); -1 when the head count is fixed instead. */
    public int numHeadChannels() {
        return numHeadChannels;
    }

    /** The text encoder's activation: quick_gelu for OpenAI CLIP, gelu for OpenCLIP. */
    public String textActivation() {
        return textActivation;
    }

    public double vaeScalingFactor() {
        return vaeScalingFactor;
    }

    /** The UNet's native latent size (image size / 8) of the base release (SD 2.x 768-v: 96, see SingleFileConfigs). */
    public int latentSize() {
        return latentSize;
    }
}
