package org.danlu.engine.model.load;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * LDM {@code AutoencoderKL} names → diffusers {@code AutoencoderKL} names ({@code convert_ldm_vae_checkpoint}).
 *
 * <p>The encoder's {@code down.i} is {@code down_blocks.i}, but the decoder's {@code up} list is stored in
 * the order it is built (lowest resolution last), so with {@code L} levels {@code decoder.up.k} is
 * {@code decoder.up_blocks.(L-1-k)}: tiny SD (L = 4) stores up_blocks.0 (64 channels) as {@code up.3}.
 * {@code norm_out} is {@code conv_norm_out}; {@code mid.block_1 / block_2} are mid_block.resnets.0 / 1 and {@code mid.attn_1} is mid_block.attentions.0
 * with norm → group_norm, q/k/v → to_q/to_k/to_v, proj_out → to_out.0; the LDM stores those four projections
 * as 1×1 convs [C, C, 1, 1], diffusers as Linear [C, C] (same numbers, reshaped).
 */
final class LdmVaeRules implements KeyRules {
    private static final Map<String, String> ATTN = Map.of(
            "norm", "group_norm", "q", "to_q", "k", "to_k", "v", "to_v", "proj_out", "to_out.0");

    private final int levels;

    LdmVaeRules(int levels) {
        this.levels = levels;
    }

    @Override
    public String prefix() {
        return "first_stage_model.";
    }

    @Override
    public List<Target> map(String key) {
        Matcher m;
        if (KeyRules.match("(encoder|decoder)\\.(conv_in|conv_out)\\.(weight|bias)", key) != null
                || KeyRules.match("(post_)?quant_conv\\.(weight|bias)", key) != null) {
            return Target.same(key);
        }
        if ((m = KeyRules.match("(encoder|decoder)\\.norm_out\\.(weight|bias)", key)) != null) {
            return Target.same(m.group(1) + ".conv_norm_out." + m.group(2));
        }
        if ((m = KeyRules.match("encoder\\.down\\.(\\d+)\\.block\\.(\\d+)\\.(.+)", key)) != null) {
            return resnet("encoder.down_blocks." + m.group(1) + ".resnets." + m.group(2), m.group(3));
        }
        if ((m = KeyRules.match("encoder\\.down\\.(\\d+)\\.downsample\\.conv\\.(weight|bias)", key)) != null) {
            return Target.same("encoder.down_blocks." + m.group(1) + ".downsamplers.0.conv." + m.group(2));
        }
        if ((m = KeyRules.match("decoder\\.up\\.(\\d+)\\.block\\.(\\d+)\\.(.+)", key)) != null) {
            return resnet("decoder.up_blocks." + reversed(m.group(1)) + ".resnets." + m.group(2), m.group(3));
        }
        if ((m = KeyRules.match("decoder\\.up\\.(\\d+)\\.upsample\\.conv\\.(weight|bias)", key)) != null) {
            return Target.same("decoder.up_blocks." + reversed(m.group(1)) + ".upsamplers.0.conv." + m.group(2));
        }
        if ((m = KeyRules.match("(encoder|decoder)\\.mid\\.block_([12])\\.(.+)", key)) != null) {
            return resnet(m.group(1) + ".mid_block.resnets." + (Integer.parseInt(m.group(2)) - 1), m.group(3));
        }
        if ((m = KeyRules.match("(encoder|decoder)\\.mid\\.attn_1\\.(norm|q|k|v|proj_out)\\.(weight|bias)", key)) != null) {
            String name = m.group(1) + ".mid_block.attentions.0." + ATTN.get(m.group(2)) + "." + m.group(3);
            boolean projection = !m.group(2).equals("norm") && m.group(3).equals("weight");
            return List.of(new Target(name, projection ? Transform.CONV1X1_TO_LINEAR : Transform.IDENTITY));
        }
        return null;
    }

    private int reversed(String k) {
        return levels - 1 - Integer.parseInt(k);
    }

    private static List<Target> resnet(String base, String rest) {
        Matcher m = KeyRules.match("(norm1|conv1|norm2|conv2|nin_shortcut)\\.(weight|bias)", rest);
        if (m == null) {
            return null;
        }
        String leaf = m.group(1).equals("nin_shortcut") ? "conv_shortcut" : m.group(1);
        return Target.same(base + "." + leaf + "." + m.group(2));
    }
}
