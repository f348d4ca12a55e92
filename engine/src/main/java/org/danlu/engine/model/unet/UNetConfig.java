package org.danlu.engine.model.unet;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The UNet2DConditionModel hyperparameters SD 1.x/2.x use, read from diffusers' {@code unet/config.json}.
 *
 * <p>{@code headsPerBlock} is the number of attention heads of each down block (the up path uses it reversed,
 * the mid block the last one). diffusers 0.27 computes it as {@code num_attention_heads or attention_head_dim}:
 * the historical {@code attention_head_dim} key holds the head <em>count</em> (SD1: 8 everywhere; SD2: [5, 10, 20,
 * 20], which at 320·2^i channels gives head size 64). The head size is channels / heads.
 */
public record UNetConfig(
        int inChannels,
        int outChannels,
        List<Integer> blockOutChannels,
        int layersPerBlock,
        List<Integer> headsPerBlock,
        List<Integer> transformerLayersPerBlock,
        int crossAttentionDim,
        boolean useLinearProjection,
        boolean upcastAttention,
        List<String> downBlockTypes,
        List<String> upBlockTypes,
        int normNumGroups,
        float normEps,
        boolean flipSinToCos,
        int freqShift,
        int downsamplePadding) {

    public static final String CROSS_DOWN = "CrossAttnDownBlock2D";
    public static final String PLAIN_DOWN = "DownBlock2D";
    public static final String CROSS_UP = "CrossAttnUpBlock2D";
    public static final String PLAIN_UP = "UpBlock2D";

    public UNetConfig {
        blockOutChannels = List.copyOf(blockOutChannels);
        headsPerBlock = List.copyOf(headsPerBlock);
        transformerLayersPerBlock = List.copyOf(transformerLayersPerBlock);
        downBlockTypes = List.copyOf(downBlockTypes);
        upBlockTypes = List.copyOf(upBlockTypes);
        int n = blockOutChannels.size();
        if (headsPerBlock.size() != n || transformerLayersPerBlock.size() != n || downBlockTypes.size() != n
                || upBlockTypes.size() != n) {
            throw new IllegalArgumentException("UNet config: block_out_channels has " + n + " entries but heads "
                    + headsPerBlock + ", transformer_layers_per_block " + transformerLayersPerBlock + ", down "
                    + downBlockTypes + ", up " + upBlockTypes + " do not all have " + n);
        }
        for (int i = 0; i < n; i++) {
            if (!downBlockTypes.get(i).equals(CROSS_DOWN) && !downBlockTypes.get(i).equals(PLAIN_DOWN)) {
                throw new IllegalArgumentException("UNet config: down block type '" + downBlockTypes.get(i)
                        + "' is not supported (SD 1.x/2.x use " + CROSS_DOWN + " and " + PLAIN_DOWN + ")");
            }
            if (!upBlockTypes.get(i).equals(CROSS_UP) && !upBlockTypes.get(i).equals(PLAIN_UP)) {
                throw new IllegalArgumentException("UNet config: up block type '" + upBlockTypes.get(i)
                        + "' is not supported (SD 1.x/2.x use " + CROSS_UP + " and " + PLAIN_UP + ")");
            }
            if (blockOutChannels.get(i) % headsPerBlock.get(i) != 0) {
                throw new IllegalArgumentException("UNet config: block " + i + " has " + blockOutChannels.get(i)
                        + " channels, not divisible into " + headsPerBlock.get(i) + " attention heads");
            }
        }
    }

    /** Time embedding width: 4 × the first block's channels, as diffusers' default. */
    public int timeEmbedDim() {
        return blockOutChannels.get(0) * 4;
    }

    /** runwayml/stable-diffusion-v1-5 {@code unet/config.json}. */
    public static UNetConfig sd15() {
        return new UNetConfig(4, 4, List.of(320, 640, 1280, 1280), 2, List.of(8, 8, 8, 8), List.of(1, 1, 1, 1), 768,
                false, false, List.of(CROSS_DOWN, CROSS_DOWN, CROSS_DOWN, PLAIN_DOWN),
                List.of(PLAIN_UP, CROSS_UP, CROSS_UP, CROSS_UP), 32, 1e-5f, true, 0, 1);
    }

    /** stabilityai/stable-diffusion-2-1 {@code unet/config.json} (head size 64, linear projections). */
    public static UNetConfig sd21() {
        return new UNetConfig(4, 4, List.of(320, 640, 1280, 1280), 2, List.of(5, 10, 20, 20), List.of(1, 1, 1, 1), 1024,
                true, true, List.of(CROSS_DOWN, CROSS_DOWN, CROSS_DOWN, PLAIN_DOWN),
                List.of(PLAIN_UP, CROSS_UP, CROSS_UP, CROSS_UP), 32, 1e-5f, true, 0, 1);
    }

    /** Reads a diffusers {@code unet/config.json}; any setting SD 1.x/2.x never use is refused by name. */
    public static UNetConfig read(Path configJson) throws IOException {
        JsonObject o;
        try {
            o = JsonParser.parseString(Files.readString(configJson)).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException(configJson + ": not a JSON object (" + e.getMessage() + ")", e);
        }
        try {
            return fromJson(o);
        } catch (IllegalArgumentException | ClassCastException | UnsupportedOperationException e) {
            throw new IOException(configJson + ": " + e.getMessage(), e);
        }
    }

    /**
     * As {@link #read}, for a parsed config (the folder's, or the one {@code model.load} derives for a single-file
     * checkpoint); {@code origin} names it in errors.
     */
    public static UNetConfig fromJson(JsonObject o, Path origin) throws IOException {
        try {
            return fromJson(o);
        } catch (IllegalArgumentException | ClassCastException | UnsupportedOperationException e) {
            throw new IOException(origin + ": " + e.getMessage(), e);
        }
    }

    static UNetConfig fromJson(JsonObject o) {
        requireDefault(o, "act_fn", "silu");
        requireDefault(o, "time_embedding_type", "positional");
        requireDefault(o, "mid_block_type", "UNetMidBlock2DCrossAttn");
        requireDefault(o, "resnet_time_scale_shift", "default");
        requireDefault(o, "attention_type", "default");
        for (String key : List.of("class_embed_type", "addition_embed_type", "encoder_hid_dim", "time_cond_proj_dim",
                "time_embedding_dim", "time_embedding_act_fn", "timestep_post_act", "num_class_embeds",
                "cross_attention_norm", "reverse_transformer_layers_per_block")) {
            if (o.has(key) && !o.get(key).isJsonNull()) {
                throw new IllegalArgumentException("key '" + key + "' = " + o.get(key)
                        + " is not supported (SD 1.x/2.x leave it null); SDXL-style UNets are not supported yet");
            }
        }
        for (String key : List.of("only_cross_attention", "dual_cross_attention", "center_input_sample")) {
            if (o.has(key) && o.get(key).isJsonPrimitive() && o.get(key).getAsBoolean()) {
                throw new IllegalArgumentException("key '" + key + "' = true is not supported (SD 1.x/2.x use false)");
            }
        }
        for (String key : List.of("mid_block_scale_factor", "resnet_out_scale_factor")) {
            if (o.has(key) && o.get(key).getAsDouble() != 1.0) {
                throw new IllegalArgumentException("key '" + key + "' = " + o.get(key) + " is not supported (SD uses 1)");
            }
        }
        for (String key : List.of("conv_in_kernel", "conv_out_kernel")) {
            if (o.has(key) && o.get(key).getAsInt() != 3) {
                throw new IllegalArgumentException("key '" + key + "' = " + o.get(key) + " is not supported (SD uses 3)");
            }
        }
        List<Integer> channels = ints(o, "block_out_channels");
        int n = channels.size();
        JsonElement heads = o.has("num_attention_heads") && !o.get("num_attention_heads").isJsonNull()
                ? o.get("num_attention_heads") : o.get("attention_head_dim");
        List<Integer> headsPerBlock = perBlock(heads, n, "attention_head_dim", 8);
        return new UNetConfig(
                intOr(o, "in_channels", 4), intOr(o, "out_channels", 4), channels, intOr(o, "layers_per_block", 2),
                headsPerBlock, perBlock(o.get("transformer_layers_per_block"), n, "transformer_layers_per_block", 1),
                intOr(o, "cross_attention_dim", 1280), boolOr(o, "use_linear_projection", false),
                boolOr(o, "upcast_attention", false), strings(o, "down_block_types"), strings(o, "up_block_types"),
                intOr(o, "norm_num_groups", 32), o.has("norm_eps") ? o.get("norm_eps").getAsFloat() : 1e-5f,
                boolOr(o, "flip_sin_to_cos", true), intOr(o, "freq_shift", 0), intOr(o, "downsample_padding", 1));
    }

    private static void requireDefault(JsonObject o, String key, String expected) {
        if (o.has(key) && !o.get(key).isJsonNull() && !o.get(key).getAsString().equals(expected)) {
            throw new IllegalArgumentException("key '" + key + "' = " + o.get(key) + " is not supported (SD 1.x/2.x use \""
                    + expected + "\")");
        }
    }

    /** An int applied to every block, or a list with one entry per block. */
    private static List<Integer> perBlock(JsonElement e, int n, String key, int fallback) {
        if (e == null || e.isJsonNull()) {
            return java.util.Collections.nCopies(n, fallback);
        }
        if (e.isJsonArray()) {
            List<Integer> out = new ArrayList<>();
            e.getAsJsonArray().forEach(x -> out.add(x.getAsInt()));
            if (out.size() != n) {
                throw new IllegalArgumentException("key '" + key + "' has " + out.size() + " entries, expected one per block (" + n + ")");
            }
            return out;
        }
        return java.util.Collections.nCopies(n, e.getAsInt());
    }

    private static List<Integer> ints(JsonObject o, String key) {
        if (!o.has(key)) {
            throw new IllegalArgumentException("key '" + key + "' is missing");
        }
        List<Integer> out = new ArrayList<>();
        o.getAsJsonArray(key).forEach(x -> out.add(x.getAsInt()));
        return out;
    }

    private static List<String> strings(JsonObject o, String key) {
        if (!o.has(key)) {
            throw new IllegalArgumentException("key '" + key + "' is missing");
        }
        List<String> out = new ArrayList<>();
        o.getAsJsonArray(key).forEach(x -> out.add(x.getAsString()));
        return out;
    }

    private static int intOr(JsonObject o, String key, int fallback) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsInt() : fallback;
    }

    private static boolean boolOr(JsonObject o, String key, boolean fallback) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsBoolean() : fallback;
    }
}
