package org.danlu.engine.model.vae;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * diffusers' {@code AutoencoderKL} config: what {@code vae/config.json} says, with diffusers 0.27's defaults for
 * keys it leaves out. Only the block types SD uses ({@code DownEncoderBlock2D} / {@code UpDecoderBlock2D}) and
 * SiLU exist here; anything else is refused by name.
 */
public record VaeConfig(
        int inChannels,
        int outChannels,
        int latentChannels,
        List<Integer> blockOutChannels,
        int layersPerBlock,
        int normNumGroups,
        float scalingFactor) {

    public VaeConfig {
        blockOutChannels = List.copyOf(blockOutChannels);
        if (blockOutChannels.isEmpty()) {
            throw new IllegalArgumentException("VAE block_out_channels is empty");
        }
        for (int c : blockOutChannels) {
            if (c <= 0 || c % normNumGroups != 0) {
                throw new IllegalArgumentException("VAE block_out_channels " + blockOutChannels
                        + " must be positive multiples of norm_num_groups " + normNumGroups);
            }
        }
        if (inChannels <= 0 || outChannels <= 0 || latentChannels <= 0 || layersPerBlock <= 0) {
            throw new IllegalArgumentException("VAE sizes must be positive: " + this);
        }
    }

    /** SD 1.x and 2.x share this VAE (runwayml/stable-diffusion-v1-5 {@code vae/config.json}). */
    public static VaeConfig sd() {
        return new VaeConfig(3, 3, 4, List.of(128, 256, 512, 512), 2, 32, 0.18215f);
    }

    /** Spatial downsampling factor from image to latent: 2^(blocks − 1), 8 for SD. */
    public int downscale() {
        return 1 << (blockOutChannels.size() - 1);
    }

    public static VaeConfig read(Path configJson) throws IOException {
        JsonObject c;
        try {
            JsonElement e = JsonParser.parseString(Files.readString(configJson));
            if (!e.isJsonObject()) {
                throw new IOException(configJson + ": expected a JSON object (a diffusers AutoencoderKL config)");
            }
            c = e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IOException(configJson + ": not valid JSON: " + e.getMessage(), e);
        }
        return fromJson(c, configJson);
    }

    /**
     * Builds the config from a parsed diffusers AutoencoderKL config (a folder's config.json, or the one
     * {@code model.load} derives for a single-file checkpoint); {@code configJson} names it in errors.
     */
    public static VaeConfig fromJson(JsonObject c, Path configJson) throws IOException {
        String act = c.has("act_fn") ? c.get("act_fn").getAsString() : "silu";
        if (!act.equals("silu")) {
            throw new IOException(configJson + ": act_fn '" + act + "' is not supported (SD VAEs use silu)");
        }
        List<Integer> channels = intList(c, "block_out_channels", List.of(64), configJson);
        checkTypes(c, "down_block_types", "DownEncoderBlock2D", channels.size(), configJson);
        checkTypes(c, "up_block_types", "UpDecoderBlock2D", channels.size(), configJson);
        if (c.has("mid_block_add_attention") && !c.get("mid_block_add_attention").getAsBoolean()) {
            throw new IOException(configJson + ": mid_block_add_attention false is not supported");
        }
        if (c.has("use_quant_conv") && !c.get("use_quant_conv").getAsBoolean()
                || c.has("use_post_quant_conv") && !c.get("use_post_quant_conv").getAsBoolean()) {
            throw new IOException(configJson + ": a VAE without quant_conv/post_quant_conv is not supported");
        }
        try {
            return new VaeConfig(
                    integer(c, "in_channels", 3, configJson),
                    integer(c, "out_channels", 3, configJson),
                    integer(c, "latent_channels", 4, configJson),
                    channels,
                    integer(c, "layers_per_block", 1, configJson),
                    integer(c, "norm_num_groups", 32, configJson),
                    c.has("scaling_factor") ? c.get("scaling_factor").getAsFloat() : 0.18215f);
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
            throw new IOException(configJson + ": " + e.getMessage(), e);
        }
    }

    private static void checkTypes(JsonObject c, String key, String expected, int n, Path file) throws IOException {
        if (!c.has(key)) {
            return;
        }
        JsonArray a = array(c, key, file);
        if (a.size() != n) {
            throw new IOException(file + ": '" + key + "' has " + a.size() + " entries but block_out_channels has " + n);
        }
        for (JsonElement e : a) {
            if (!e.isJsonPrimitive() || !e.getAsString().equals(expected)) {
                throw new IOException(file + ": '" + key + "' entry " + e + " is not supported; only " + expected);
            }
        }
    }

    private static JsonArray array(JsonObject c, String key, Path file) throws IOException {
        JsonElement e = c.get(key);
        if (!e.isJsonArray()) {
            throw new IOException(file + ": '" + key + "' must be a list, found " + e);
        }
        return e.getAsJsonArray();
    }

    private static List<Integer> intList(JsonObject c, String key, List<Integer> dflt, Path file) throws IOException {
        if (!c.has(key)) {
            return dflt;
        }
        JsonArray a = array(c, key, file);
        Integer[] out = new Integer[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonElement e = a.get(i);
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
                throw new IOException(file + ": '" + key + "' entry " + i + " must be an integer, found " + e);
            }
            out[i] = e.getAsInt();
        }
        return List.of(out);
    }

    private static int integer(JsonObject c, String key, int dflt, Path file) throws IOException {
        JsonElement e = c.get(key);
        if (e == null || e.isJsonNull()) {
            return dflt;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new IOException(file + ": '" + key + "' must be an integer, found " + e);
        }
        return e.getAsInt();
    }
}
