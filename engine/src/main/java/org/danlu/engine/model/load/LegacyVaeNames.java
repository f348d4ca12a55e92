package org.danlu.engine.model.load;

import java.util.regex.Matcher;

/**
 * diffusers folders saved before diffusers 0.14 (among them the widely used SD 1.5 and SD 2.x repositories) name the
 * VAE's mid-block attention {@code query / key / value / proj_attn}; today's names are {@code to_q / to_k / to_v /
 * to_out.0}, as diffusers' own {@code _convert_deprecated_attention_blocks} renames them on load. Same shapes.
 */
final class LegacyVaeNames {
    private LegacyVaeNames() {}

    static String rename(String key) {
        Matcher m = KeyRules.match("((?:encoder|decoder)\\.mid_block\\.attentions\\.0\\.)(query|key|value|proj_attn)\\.(weight|bias)", key);
        if (m == null) {
            return key;
        }
        String leaf;
        switch (m.group(2)) {
            case "query": leaf = "to_q"; break;
            case "key": leaf = "to_k"; break;
            case "value": leaf = "to_v"; break;
            default: leaf = "to_out.0"; break;
        }
        return m.group(1) + leaf + "." + m.group(3);
    }
}
