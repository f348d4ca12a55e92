package org.danlu.engine.lora;

/**
 * kohya's LoRA key names: prefix + "." + module path, then every '.' replaced by '_'
 * (e.g. {@code down_blocks.0.attentions.0.proj_in} → {@code lora_unet_down_blocks_0_attentions_0_proj_in}).
 */
public final class KohyaNames {
    public static final String UNET = "lora_unet";
    public static final String TEXT_ENCODER = "lora_te";

    private KohyaNames() {}

    public static String of(String prefix, String modulePath) {
        return (prefix + "." + modulePath).replace('.', '_');
    }
}
