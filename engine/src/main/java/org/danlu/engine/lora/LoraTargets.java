package org.danlu.engine.lora;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.danlu.engine.model.nn.Conv2d;
import org.danlu.engine.model.nn.Linear;
import org.danlu.engine.model.nn.Module;

/**
 * Which layers kohya's {@code networks.lora} adapts, expressed on our diffusers-named trees.
 * kohya selects by module class; our paths carry the same information:
 * <ul>
 *   <li>UNet, always: every Linear / 1×1 Conv2d inside a Transformer2DModel, i.e. under
 *       {@code *.attentions.N.} (proj_in, proj_out, attn1/attn2 to_q/to_k/to_v/to_out.0, ff.net.0.proj, ff.net.2).</li>
 *   <li>UNet with conv_dim: inside ResnetBlock2D ({@code *.resnets.N.}), Downsample2D and Upsample2D
 *       ({@code *.downsamplers.0.}, {@code *.upsamplers.0.}): 3×3 convs at conv rank, the Linear
 *       time_emb_proj and 1×1 conv_shortcut at the network rank.</li>
 *   <li>Text encoder: the Linears of CLIPAttention and CLIPMLP ({@code *.self_attn.*}, {@code *.mlp.*}).</li>
 * </ul>
 */
public final class LoraTargets {
    private static final Pattern TRANSFORMER = Pattern.compile("^(down_blocks\\.\\d+|up_blocks\\.\\d+|mid_block)\\.attentions\\.\\d+\\..+");
    private static final Pattern CONV_BLOCK = Pattern.compile(
            "^(down_blocks\\.\\d+|up_blocks\\.\\d+|mid_block)\\.(resnets\\.\\d+|downsamplers\\.0|upsamplers\\.0)\\..+");
    private static final Pattern CLIP_BLOCK = Pattern.compile("^text_model\\.encoder\\.layers\\.\\d+\\.(self_attn|mlp)\\..+");

    /** A target layer with the rank/alpha it gets. */
    public record Target(String path, Module layer, int rank, float alpha) {}

    private LoraTargets() {}

    public static Map<String, Target> unet(Module unet, LoraSpec spec) {
        Map<String, Target> out = new LinkedHashMap<>();
        unet.namedModules().forEach((path, m) -> {
            boolean linearOr1x1 = m instanceof Linear || m instanceof Conv2d c && c.kernel == 1;
            if (linearOr1x1 && TRANSFORMER.matcher(path).matches()) {
                out.put(path, new Target(path, m, spec.networkDim(), spec.networkAlpha()));
            } else if (spec.convDim() > 0 && CONV_BLOCK.matcher(path).matches() && (m instanceof Linear || m instanceof Conv2d)) {
                boolean conv3 = m instanceof Conv2d c && c.kernel > 1;
                out.put(path, conv3
                        ? new Target(path, m, spec.convDim(), spec.convAlpha())
                        : new Target(path, m, spec.networkDim(), spec.networkAlpha()));
            }
        });
        return out;
    }

    public static Map<String, Target> textEncoder(Module textEncoder, LoraSpec spec) {
        Map<String, Target> out = new LinkedHashMap<>();
        textEncoder.namedModules().forEach((path, m) -> {
            if (m instanceof Linear && CLIP_BLOCK.matcher(path).matches()) {
                out.put(path, new Target(path, m, spec.networkDim(), spec.networkAlpha()));
            }
        });
        return out;
    }
}
