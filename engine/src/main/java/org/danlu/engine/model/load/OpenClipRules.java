package org.danlu.engine.model.load;

import java.util.List;
import java.util.regex.Matcher;

/**
 * SD 2.x {@code FrozenOpenCLIPEmbedder} (OpenCLIP ViT-H/14 text tower under {@code cond_stage_model.model.})
 * → transformers CLIPTextModel names, as diffusers' {@code convert_open_clip_checkpoint} does it.
 *
 * <p>resblocks.i.ln_1 / ln_2 → encoder.layers.i.layer_norm1 / layer_norm2, mlp.c_fc / c_proj → mlp.fc1 / fc2,
 * attn.out_proj → self_attn.out_proj, and the fused attn.in_proj_weight [3D, D] / in_proj_bias [3D] split into
 * q_proj, k_proj, v_proj (rows in that order, as torch's MultiheadAttention packs them).
 * SD2 conditions on the penultimate layer ({@code layer: "penultimate"}), so of the stored 24 resblocks the last
 * one is never used: it is dropped, and the text encoder has 23 layers. text_projection and logit_scale belong
 * to CLIP's contrastive head, which SD does not use; {@code visual.*} (the image tower) is dropped too.
 */
final class OpenClipRules implements KeyRules {
    private final int lastBlock;

    /** {@code storedBlocks}: how many resblocks the file holds (24 in SD2). */
    OpenClipRules(int storedBlocks) {
        this.lastBlock = storedBlocks - 1;
    }

    @Override
    public String prefix() {
        return "cond_stage_model.model.";
    }

    @Override
    public List<Target> map(String key) {
        Matcher m;
        switch (key) {
            case "token_embedding.weight": return Target.same("text_model.embeddings.token_embedding.weight");
            case "positional_embedding": return Target.same("text_model.embeddings.position_embedding.weight");
            case "ln_final.weight": return Target.same("text_model.final_layer_norm.weight");
            case "ln_final.bias": return Target.same("text_model.final_layer_norm.bias");
            case "text_projection":
            case "logit_scale":
            case "attn_mask":
                return List.of();
            default:
                break;
        }
        if (key.startsWith("visual.")) {
            return List.of(); // the image tower; FrozenOpenCLIPEmbedder deletes it, some merged files still carry it
        }
        if ((m = KeyRules.match("transformer\\.resblocks\\.(\\d+)\\.(.+)", key)) == null) {
            return null;
        }
        int i = Integer.parseInt(m.group(1));
        if (i == lastBlock) {
            return List.of();
        }
        String layer = "text_model.encoder.layers." + i + ".";
        String rest = m.group(2);
        Matcher p;
        if ((p = KeyRules.match("attn\\.in_proj_(weight|bias)", rest)) != null) {
            return List.of(new Target(layer + "self_attn.q_proj." + p.group(1), Transform.QKV_Q),
                    new Target(layer + "self_attn.k_proj." + p.group(1), Transform.QKV_K),
                    new Target(layer + "self_attn.v_proj." + p.group(1), Transform.QKV_V));
        }
        if ((p = KeyRules.match("(ln_1|ln_2|mlp\\.c_fc|mlp\\.c_proj|attn\\.out_proj)\\.(weight|bias)", rest)) == null) {
            return null;
        }
        String leaf;
        switch (p.group(1)) {
            case "ln_1": leaf = "layer_norm1"; break;
            case "ln_2": leaf = "layer_norm2"; break;
            case "mlp.c_fc": leaf = "mlp.fc1"; break;
            case "mlp.c_proj": leaf = "mlp.fc2"; break;
            default: leaf = "self_attn.out_proj"; break;
        }
        return Target.same(layer + leaf + "." + p.group(2));
    }
}
