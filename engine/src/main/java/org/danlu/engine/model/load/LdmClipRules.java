package org.danlu.engine.model.load;

import java.util.List;

/**
 * SD 1.x {@code FrozenCLIPEmbedder}: the transformers CLIPTextModel is stored whole under
 * {@code cond_stage_model.transformer.}, so the names are already the diffusers text encoder's. Files made with
 * transformers before 4.x lack the {@code text_model.} level; it is added. {@code position_ids} is a buffer.
 */
final class LdmClipRules implements KeyRules {
    @Override
    public String prefix() {
        return "cond_stage_model.transformer.";
    }

    @Override
    public List<Target> map(String key) {
        String name = key.startsWith("text_model.") ? key : "text_model." + key;
        if (name.equals("text_model.embeddings.position_ids")) {
            return List.of();
        }
        return name.startsWith("text_model.embeddings.") || name.startsWith("text_model.encoder.layers.")
                || name.startsWith("text_model.final_layer_norm.") ? Target.same(name) : null;
    }
}
