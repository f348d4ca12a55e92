package org.danlu.engine.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.danlu.engine.config.TrainConfig;

/**
 * The options a configuration sets that this trainer does not act on, each named in a warning at the start of a
 * run: kohya keys Danlu does not know at all, and known keys whose effect is not implemented (never ignored
 * silently).
 */
final class UnsupportedKeys {

    /** Known to the config layer but not acted on by the trainer, with what happens instead. */
    private static final Map<String, String> NOT_ACTED_ON = Map.of(
            "gradient_checkpointing", "not implemented; lower train_batch_size or resolution if memory is short",
            "xformers", "attention uses torch's scaled_dot_product_attention (sdpa) instead",
            "mem_eff_attn", "attention uses torch's scaled_dot_product_attention (sdpa) instead",
            "color_aug", "not implemented; images are used with their own colours");

    private UnsupportedKeys() {
    }

    static List<String> warnings(TrainConfig cfg) {
        List<String> out = new ArrayList<>();
        for (String key : cfg.unknownKeys()) {
            out.add(key + ": not supported by Danlu's trainer, ignored");
        }
        for (Map.Entry<String, String> e : NOT_ACTED_ON.entrySet()) {
            Object v = cfg.entries().get(e.getKey());
            if (v != null && !Boolean.FALSE.equals(v)) {
                out.add(e.getKey() + " = " + v + ": " + e.getValue());
            }
        }
        out.sort(null);
        return out;
    }
}
