package org.danlu.engine.model.load;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import org.danlu.engine.tensor.TensorInfo;

/**
 * The diffusers config.json contents for the three models of a single-file LDM checkpoint, as diffusers'
 * {@code create_unet_diffusers_config} / {@code create_vae_diffusers_config} would write them: everything the
 * tensor shapes tell is read from them (widths, depths, which blocks attend, context width, projection kind),
 * the rest comes from the yaml beside the file or else the architecture's published defaults. Where the yaml
 * and the tensors disagree the tensors win and a note says so (the yaml usually belongs to another model).
 */
final class SingleFileConfigs {
    private static final String U = "model.diffusion_model.";
    private static final String V = "first_stage_model.";

    private final Map<String, TensorInfo> tensors;
    private final Architecture arch;
    private final LdmYaml yaml; // null: published defaults
    final List<String> notes = new ArrayList<>();

    // UNet structure read from the tensors
    int unetLayersPerBlock;
    int unetLevels;
    // VAE structure
    int vaeLevels;
    // OpenCLIP resblocks stored (SD2)
    int openClipBlocks;

    SingleFileConfigs(Map<String, TensorInfo> tensors, Architecture arch, LdmYaml yaml) {
        this.tensors = tensors;
        this.arch = arch;
        this.yaml = yaml;
    }

    private long[] shape(String key) {
        TensorInfo t = tensors.get(key);
        return t == null ? null : t.shape();
    }

    private long dim(String key, int axis) throws IOException {
        long[] s = shape(key);
        if (s == null || s.length <= axis) {
            throw new IOException("expected tensor '" + key + "' (with at least " + (axis + 1) + " dimensions) is missing");
        }
        return s[axis];
    }

    /** Highest index + 1 of {@code regex}'s first group over all keys (0 when none match). */
    private int count(String regex) {
        int n = 0;
        for (String k : tensors.keySet()) {
            Matcher m = KeyRules.match(regex, k);
            if (m != null) {
                n = Math.max(n, Integer.parseInt(m.group(1)) + 1);
            }
        }
        return n;
    }

    private static final String P = "model.params.";
    private static final String UP = P + "unet_config.params.";
    private static final String DD = P + "first_stage_config.params.ddconfig.";

    /** Counterpart of create_unet_diffusers_config. */
    JsonObject unet() throws IOException {
        int inputBlocks = count(java.util.regex.Pattern.quote(U) + "input_blocks\\.(\\d+)\\..*");
        int firstOp = Integer.MAX_VALUE;
        for (String k : tensors.keySet()) {
            Matcher m = KeyRules.match(java.util.regex.Pattern.quote(U) + "input_blocks\\.(\\d+)\\.0\\.op\\.weight", k);
            if (m != null) {
                firstOp = Math.min(firstOp, Integer.parseInt(m.group(1)));
            }
        }
        // input_blocks = conv_in + per level (resnets..., downsampler) without the last level's downsampler
        unetLayersPerBlock = firstOp == Integer.MAX_VALUE ? inputBlocks - 1 : firstOp - 1;
        int perLevel = unetLayersPerBlock + 1;
        unetLevels = inputBlocks / perLevel;
        if (unetLayersPerBlock < 1 || unetLevels * perLevel != inputBlocks) {
            throw new IOException("the UNet's input_blocks (" + inputBlocks + ", first downsampler at " + firstOp
                    + ") do not form levels of resnets plus a downsampler");
        }
        long modelChannels = dim(U + "input_blocks.0.0.weight", 0);
        JsonArray blockOut = new JsonArray();
        JsonArray downTypes = new JsonArray();
        JsonArray upTypes = new JsonArray();
        List<Integer> mult = new ArrayList<>();
        List<Integer> attnResolutions = new ArrayList<>();
        TreeSet<Integer> depths = new TreeSet<>();
        long[] channels = new long[unetLevels];
        boolean linear = false;
        long context = -1;
        for (int l = 0; l < unetLevels; l++) {
            String first = U + "input_blocks." + (1 + l * perLevel);
            channels[l] = dim(first + ".0.out_layers.3.weight", 0);
            blockOut.add(channels[l]);
            mult.add((int) (channels[l] / modelChannels));
            long[] projIn = shape(first + ".1.proj_in.weight");
            downTypes.add(projIn != null ? "CrossAttnDownBlock2D" : "DownBlock2D");
            if (projIn != null) {
                attnResolutions.add(1 << l);
                linear = projIn.length == 2;
                context = dim(first + ".1.transformer_blocks.0.attn2.to_k.weight", 1);
                depths.add(count(java.util.regex.Pattern.quote(first + ".1.transformer_blocks.") + "(\\d+)\\..*"));
            }
        }
        for (int b = 0; b < unetLevels; b++) {
            boolean attn = shape(U + "output_blocks." + b * perLevel + ".1.proj_in.weight") != null;
            upTypes.add(attn ? "CrossAttnUpBlock2D" : "UpBlock2D");
        }
        boolean midAttn = shape(U + "middle_block.1.proj_in.weight") != null;
        if (midAttn && context < 0) {
            context = dim(U + "middle_block.1.transformer_blocks.0.attn2.to_k.weight", 1);
            linear = shape(U + "middle_block.1.proj_in.weight").length == 2;
        }
        int depth = depths.isEmpty() ? 1 : depths.last();
        if (depths.size() > 1) {
            notes.add("UNet transformer depth differs between levels " + depths + "; using " + depth);
        }

        // What the tensors cannot tell: heads. LDM: num_head_channels = -1 means "num_heads heads", else
        // heads = channels / num_head_channels.
        int numHeads = arch.numHeads();
        int headChannels = arch.numHeadChannels();
        if (yaml != null && (yaml.has(UP + "num_heads") || yaml.has(UP + "num_head_channels"))) {
            numHeads = yaml.integer(UP + "num_heads").orElse(-1);
            headChannels = yaml.integer(UP + "num_head_channels").orElse(-1);
        }
        JsonArray heads = new JsonArray();
        TreeSet<Long> distinct = new TreeSet<>();
        for (long c : channels) {
            long h = headChannels > 0 ? c / headChannels : numHeads;
            if (h <= 0 || c % h != 0) {
                throw new IOException("UNet width " + c + " cannot be split into " + (headChannels > 0
                        ? "heads of " + headChannels + " channels" : numHeads + " heads") + " (check num_heads / num_head_channels in the yaml)");
            }
            heads.add(h);
            distinct.add(h);
        }

        crossCheck(UP + "model_channels", modelChannels);
        crossCheckList(UP + "channel_mult", mult, false);
        crossCheck(UP + "num_res_blocks", unetLayersPerBlock);
        crossCheck(UP + "context_dim", context);
        crossCheckList(UP + "attention_resolutions", attnResolutions, true); // downsampling factors, any order
        crossCheck(UP + "transformer_depth", depth);
        if (yaml != null) {
            Optional<Boolean> yl = yaml.bool(UP + "use_linear_in_transformer");
            if (yl.isPresent() && yl.get() != linear) {
                notes.add(yaml.file() + ": use_linear_in_transformer is " + yl.get() + " but proj_in is "
                        + (linear ? "a linear layer" : "a 1x1 conv") + " in the tensors; using the tensors");
            }
        }

        JsonObject c = new JsonObject();
        c.addProperty("_class_name", "UNet2DConditionModel");
        c.addProperty("act_fn", "silu");
        if (distinct.size() == 1) {
            c.addProperty("attention_head_dim", distinct.first()); // diffusers' historical name: heads per block
        } else {
            c.add("attention_head_dim", heads);
        }
        c.add("block_out_channels", blockOut);
        c.addProperty("center_input_sample", false);
        c.addProperty("cross_attention_dim", context);
        c.add("down_block_types", downTypes);
        c.addProperty("downsample_padding", 1);
        c.addProperty("flip_sin_to_cos", true);
        c.addProperty("freq_shift", 0);
        c.addProperty("in_channels", dim(U + "input_blocks.0.0.weight", 1));
        c.addProperty("layers_per_block", unetLayersPerBlock);
        c.addProperty("mid_block_scale_factor", 1);
        c.addProperty("mid_block_type", midAttn ? "UNetMidBlock2DCrossAttn" : null);
        c.addProperty("norm_eps", 1e-5);
        c.addProperty("norm_num_groups", 32);
        c.addProperty("out_channels", dim(U + "out.2.weight", 0));
        c.addProperty("sample_size", latentSize());
        c.addProperty("transformer_layers_per_block", depth);
        c.add("up_block_types", upTypes);
        c.addProperty("upcast_attention", false);
        c.addProperty("use_linear_projection", linear);
        return c;
    }

    /** Counterpart of create_vae_diffusers_config. */
    JsonObject vae() throws IOException {
        vaeLevels = count(java.util.regex.Pattern.quote(V) + "encoder\\.down\\.(\\d+)\\..*");
        int decoderLevels = count(java.util.regex.Pattern.quote(V) + "decoder\\.up\\.(\\d+)\\..*");
        if (vaeLevels == 0 || decoderLevels != vaeLevels) {
            throw new IOException("the VAE has " + vaeLevels + " encoder levels and " + decoderLevels + " decoder levels");
        }
        int layers = count(java.util.regex.Pattern.quote(V + "encoder.down.0.block.") + "(\\d+)\\..*");
        long ch = dim(V + "encoder.conv_in.weight", 0);
        JsonArray blockOut = new JsonArray();
        JsonArray down = new JsonArray();
        JsonArray up = new JsonArray();
        List<Integer> mult = new ArrayList<>();
        for (int i = 0; i < vaeLevels; i++) {
            long c = dim(V + "encoder.down." + i + ".block.0.conv2.weight", 0);
            blockOut.add(c);
            mult.add((int) (c / ch));
            down.add("DownEncoderBlock2D");
            up.add("UpDecoderBlock2D");
        }
        long latent = dim(V + "post_quant_conv.weight", 0);
        crossCheck(DD + "ch", ch);
        crossCheckList(DD + "ch_mult", mult, false);
        crossCheck(DD + "num_res_blocks", layers);
        crossCheck(DD + "z_channels", latent);
        double scaling = arch.vaeScalingFactor();
        if (yaml != null) {
            scaling = yaml.number(P + "scale_factor").orElse(scaling);
        }
        JsonObject c = new JsonObject();
        c.addProperty("_class_name", "AutoencoderKL");
        c.addProperty("act_fn", "silu");
        c.add("block_out_channels", blockOut);
        c.add("down_block_types", down);
        c.addProperty("in_channels", dim(V + "encoder.conv_in.weight", 1));
        c.addProperty("latent_channels", latent);
        c.addProperty("layers_per_block", layers);
        c.addProperty("norm_num_groups", 32);
        c.addProperty("out_channels", dim(V + "decoder.conv_out.weight", 0));
        c.addProperty("sample_size", latentSize() * 8);
        c.addProperty("scaling_factor", scaling);
        c.add("up_block_types", up);
        return c;
    }

    /** transformers CLIPTextConfig for SD1's CLIP (prefix {@code cond_stage_model.transformer.}) or SD2's OpenCLIP. */
    JsonObject textEncoder() throws IOException {
        long vocab;
        long hidden;
        long positions;
        long intermediate;
        int layers;
        if (arch == Architecture.SD2) {
            String o = "cond_stage_model.model.";
            vocab = dim(o + "token_embedding.weight", 0);
            hidden = dim(o + "token_embedding.weight", 1);
            positions = dim(o + "positional_embedding", 0);
            intermediate = dim(o + "transformer.resblocks.0.mlp.c_fc.weight", 0);
            openClipBlocks = count(java.util.regex.Pattern.quote(o + "transformer.resblocks.") + "(\\d+)\\..*");
            layers = openClipBlocks - 1; // the penultimate layer feeds the UNet; the last block is dropped
        } else {
            String t = tensors.containsKey("cond_stage_model.transformer.text_model.embeddings.token_embedding.weight")
                    ? "cond_stage_model.transformer.text_model." : "cond_stage_model.transformer.";
            vocab = dim(t + "embeddings.token_embedding.weight", 0);
            hidden = dim(t + "embeddings.token_embedding.weight", 1);
            positions = dim(t + "embeddings.position_embedding.weight", 0);
            intermediate = dim(t + "encoder.layers.0.mlp.fc1.weight", 0);
            layers = count(java.util.regex.Pattern.quote(t + "encoder.layers.") + "(\\d+)\\..*");
        }
        // Heads are not in the tensors or the LDM yaml; every published SD text encoder uses 64 channels per head
        // (ViT-L/14: 768 = 12 x 64, ViT-H/14: 1024 = 16 x 64).
        long heads = hidden / 64;
        if (hidden % 64 != 0 || heads == 0) {
            heads = hidden % 8 == 0 ? hidden / 8 : 1;
            notes.add("text encoder width " + hidden + " is not a multiple of 64 (the head size of every published SD text"
                    + " encoder): the head count cannot be told, " + heads + " assumed; pass --config with a diffusers"
                    + " text_encoder/config.json to set it");
        }
        JsonObject c = new JsonObject();
        JsonArray archs = new JsonArray();
        archs.add("CLIPTextModel");
        c.add("architectures", archs);
        c.addProperty("attention_dropout", 0.0);
        // The tokenizer's special ids are the two last ids of the vocabulary (49406/49407 of 49408 in CLIP's).
        c.addProperty("bos_token_id", vocab - 2);
        c.addProperty("eos_token_id", vocab - 1);
        c.addProperty("hidden_act", arch.textActivation());
        c.addProperty("hidden_size", hidden);
        c.addProperty("intermediate_size", intermediate);
        c.addProperty("layer_norm_eps", 1e-5);
        c.addProperty("max_position_embeddings", positions);
        c.addProperty("model_type", "clip_text_model");
        c.addProperty("num_attention_heads", heads);
        c.addProperty("num_hidden_layers", layers);
        c.addProperty("pad_token_id", 1);
        c.addProperty("projection_dim", arch == Architecture.SD2 ? 512 : hidden);
        c.addProperty("vocab_size", vocab);
        return c;
    }

    /**
     * The native latent size (diffusers' sample_size): 96 for an SD 2.x v-prediction model (the 768-v release, as
     * diffusers assumes), else the yaml's {@code model.params.image_size} (LatentDiffusion's latent size; the UNet's
     * own image_size is marked unused in the reference configs), else the architecture's. Used only as a default
     * sampling size; training sizes come from the buckets.
     */
    private int latentSize() throws IOException {
        if (arch == Architecture.SD2 && "v_prediction".equals(predictionType())) {
            return 96;
        }
        return yaml == null ? arch.latentSize() : yaml.integer(P + "image_size").orElse(arch.latentSize());
    }

    private String prediction;

    /** "epsilon" or "v_prediction": the yaml's parameterization, else epsilon (with a note when there is no yaml). */
    String predictionType() throws IOException {
        if (prediction == null) {
            prediction = readPredictionType();
        }
        return prediction;
    }

    private String readPredictionType() throws IOException {
        if (yaml != null) {
            return yaml.string(P + "parameterization").map(p -> p.equals("v") ? "v_prediction" : "epsilon").orElse("epsilon");
        }
        if (arch == Architecture.SD2) {
            notes.add("prediction type (epsilon or v) cannot be told from the tensors: epsilon assumed; an SD2 768-v"
                    + " checkpoint needs its yaml (parameterization: \"v\") beside it with the same base name");
        }
        return "epsilon";
    }

    private void crossCheck(String key, long fromTensors) throws IOException {
        if (yaml == null || fromTensors < 0) {
            return;
        }
        Optional<Integer> y = yaml.integer(key);
        if (y.isPresent() && y.get() != fromTensors) {
            notes.add(yaml.file() + ": " + key.substring(key.lastIndexOf('.') + 1) + " is " + y.get()
                    + " but the tensors say " + fromTensors + "; using the tensors (is the yaml for another model?)");
        }
    }

    private void crossCheckList(String key, List<Integer> fromTensors, boolean asSet) throws IOException {
        if (yaml == null) {
            return;
        }
        Optional<List<Integer>> y = yaml.integers(key);
        boolean same = y.isPresent() && (asSet ? new TreeSet<>(y.get()).equals(new TreeSet<>(fromTensors)) : y.get().equals(fromTensors));
        if (y.isPresent() && !same) {
            notes.add(yaml.file() + ": " + key.substring(key.lastIndexOf('.') + 1) + " is " + y.get()
                    + " but the tensors say " + fromTensors + "; using the tensors (is the yaml for another model?)");
        }
    }
}
