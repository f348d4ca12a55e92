package org.danlu.engine.lora;

/**
 * What a LoRA network is built with: {@code network_dim}/{@code network_alpha} for attention and MLP layers,
 * {@code conv_dim}/{@code conv_alpha} for 3×3 convs (0 = no conv LoRA), which models get one, and the
 * dropout. kohya's defaults: dim 4, alpha 1, conv alpha 1.
 */
public record LoraSpec(int networkDim, float networkAlpha, int convDim, float convAlpha,
        boolean trainUnet, boolean trainTextEncoder, float dropout) {

    public static LoraSpec of(int dim, float alpha) {
        return new LoraSpec(dim, alpha, 0, 1f, true, true, 0f);
    }

    public LoraSpec withConv(int convDim, float convAlpha) {
        return new LoraSpec(networkDim, networkAlpha, convDim, convAlpha, trainUnet, trainTextEncoder, dropout);
    }

    public LoraSpec unetOnly() {
        return new LoraSpec(networkDim, networkAlpha, convDim, convAlpha, true, false, dropout);
    }

    public LoraSpec textEncoderOnly() {
        return new LoraSpec(networkDim, networkAlpha, convDim, convAlpha, false, true, dropout);
    }
}
