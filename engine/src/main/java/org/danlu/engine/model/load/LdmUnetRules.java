package org.danlu.engine.model.load;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * LDM {@code openaimodel.UNetModel} names → diffusers {@code UNet2DConditionModel} names, as diffusers 0.27's
 * {@code convert_ldm_unet_checkpoint} does it.
 *
 * <p>Index arithmetic, with {@code n = layers_per_block + 1} LDM blocks per resolution level:
 * <ul>
 * <li>{@code input_blocks.0.0} is {@code conv_in}; {@code input_blocks.i} (i ≥ 1) belongs to level
 *     {@code (i-1) / n} at position {@code (i-1) % n}. Positions 0..n-2 hold a resnet ({@code .0}) and, when the
 *     level has attention, a transformer ({@code .1}); position n-1 holds the downsampler ({@code .0.op}).
 *     Tiny SD (n = 3): input_blocks.1, .2 → down_blocks.0.resnets.0, .1; input_blocks.3.0.op →
 *     down_blocks.0.downsamplers.0.conv; input_blocks.4 → down_blocks.1.resnets.0.</li>
 * <li>{@code middle_block.0 / .1 / .2} are mid_block.resnets.0, mid_block.attentions.0, mid_block.resnets.1.</li>
 * <li>{@code output_blocks.i} belongs to up block {@code i / n} at position {@code i % n}: {@code .0} the
 *     resnet, {@code .1} the transformer when the block has attention, and the last position of a block
 *     also holds the upsampler as its last element ({@code .1.conv} without attention, {@code .2.conv} with).
 *     Tiny SD: output_blocks.2.1.conv → up_blocks.0.upsamplers.0.conv, output_blocks.5.2.conv →
 *     up_blocks.1.upsamplers.0.conv.</li>
 * <li>{@code time_embed.0 / .2} are time_embedding.linear_1 / linear_2; {@code out.0 / .2} are conv_norm_out /
 *     conv_out (the Sequential's SiLU sits at index 1).</li>
 * </ul>
 * Resnet layers are Sequentials too: in_layers = [GroupNorm, SiLU, conv], out_layers = [GroupNorm, SiLU,
 * Dropout, conv], emb_layers = [SiLU, Linear]; hence in_layers.0 → norm1, in_layers.2 → conv1, out_layers.0 →
 * norm2, out_layers.3 → conv2, emb_layers.1 → time_emb_proj, skip_connection → conv_shortcut. Transformer
 * names (norm, proj_in, transformer_blocks.*, proj_out) are the same in both.
 */
final class LdmUnetRules implements KeyRules {
    private static final Map<String, String> RESNET = Map.of(
            "in_layers.0", "norm1", "in_layers.2", "conv1", "emb_layers.1", "time_emb_proj",
            "out_layers.0", "norm2", "out_layers.3", "conv2", "skip_connection", "conv_shortcut");

    private final int perLevel;

    /** {@code layersPerBlock}: resnets per down level (diffusers {@code layers_per_block}). */
    LdmUnetRules(int layersPerBlock) {
        this.perLevel = layersPerBlock + 1;
    }

    @Override
    public String prefix() {
        return "model.diffusion_model.";
    }

    @Override
    public List<Target> map(String key) {
        Matcher m;
        if ((m = KeyRules.match("time_embed\\.([02])\\.(weight|bias)", key)) != null) {
            return Target.same("time_embedding.linear_" + (m.group(1).equals("0") ? 1 : 2) + "." + m.group(2));
        }
        if ((m = KeyRules.match("input_blocks\\.0\\.0\\.(weight|bias)", key)) != null) {
            return Target.same("conv_in." + m.group(1));
        }
        if ((m = KeyRules.match("out\\.([02])\\.(weight|bias)", key)) != null) {
            return Target.same((m.group(1).equals("0") ? "conv_norm_out." : "conv_out.") + m.group(2));
        }
        if ((m = KeyRules.match("input_blocks\\.(\\d+)\\.0\\.op\\.(weight|bias)", key)) != null) {
            int i = Integer.parseInt(m.group(1));
            return Target.same("down_blocks." + (i - 1) / perLevel + ".downsamplers.0.conv." + m.group(2));
        }
        if ((m = KeyRules.match("input_blocks\\.(\\d+)\\.([01])\\.(.+)", key)) != null) {
            int i = Integer.parseInt(m.group(1));
            String block = "down_blocks." + (i - 1) / perLevel;
            int pos = (i - 1) % perLevel;
            return m.group(2).equals("0") ? resnet(block + ".resnets." + pos, m.group(3))
                    : Target.same(block + ".attentions." + pos + "." + m.group(3));
        }
        if ((m = KeyRules.match("middle_block\\.([012])\\.(.+)", key)) != null) {
            switch (m.group(1)) {
                case "0": return resnet("mid_block.resnets.0", m.group(2));
                case "1": return Target.same("mid_block.attentions.0." + m.group(2));
                default: return resnet("mid_block.resnets.1", m.group(2));
            }
        }
        if ((m = KeyRules.match("output_blocks\\.(\\d+)\\.([12])\\.conv\\.(weight|bias)", key)) != null) {
            int i = Integer.parseInt(m.group(1));
            return Target.same("up_blocks." + i / perLevel + ".upsamplers.0.conv." + m.group(3));
        }
        if ((m = KeyRules.match("output_blocks\\.(\\d+)\\.([01])\\.(.+)", key)) != null) {
            int i = Integer.parseInt(m.group(1));
            String block = "up_blocks." + i / perLevel;
            int pos = i % perLevel;
            return m.group(2).equals("0") ? resnet(block + ".resnets." + pos, m.group(3))
                    : Target.same(block + ".attentions." + pos + "." + m.group(3));
        }
        return null;
    }

    private static List<Target> resnet(String base, String rest) {
        Matcher m = KeyRules.match("(in_layers\\.[02]|emb_layers\\.1|out_layers\\.[03]|skip_connection)\\.(weight|bias)", rest);
        return m == null ? null : Target.same(base + "." + RESNET.get(m.group(1)) + "." + m.group(2));
    }
}
