package org.danlu.engine.model.clip;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * transformers' {@code CLIPTextConfig}: the hyperparameters of a CLIP text encoder. Read from a
 * {@code text_encoder/config.json} (or a full CLIP {@code config.json}, whose {@code text_config} is used); keys
 * the file leaves out take transformers 4.36's defaults, as {@code from_pretrained} does.
 *
 * @param eosTokenId decides pooling as transformers does: 2 (the legacy value in the published SD configs) pools
 *     at the largest token id, anything else at the first occurrence of this id
 */
public record ClipTextConfig(
        int vocabSize,
        int hiddenSize,
        int intermediateSize,
        int numHiddenLayers,
        int numAttentionHeads,
        int maxPositionEmbeddings,
        String hiddenAct,
        float layerNormEps,
        long bosTokenId,
        long eosTokenId,
        long padTokenId) {

    /** Activations transformers' CLIP offers that SD checkpoints use. */
    static final Set<String> ACTIVATIONS = Set.of("quick_gelu", "gelu");

    public ClipTextConfig {
        if (!ACTIVATIONS.contains(hiddenAct)) {
            throw new IllegalArgumentException("CLIP hidden_act '" + hiddenAct + "' is not supported; expected one of "
                    + ACTIVATIONS);
        }
        if (hiddenSize <= 0 || numAttentionHeads <= 0 || hiddenSize % numAttentionHeads != 0) {
            throw new IllegalArgumentException("CLIP hidden_size " + hiddenSize + " does not split into "
                    + numAttentionHeads + " attention heads");
        }
        if (vocabSize <= 0 || intermediateSize <= 0 || numHiddenLayers <= 0 || maxPositionEmbeddings <= 0) {
            throw new IllegalArgumentException("CLIP sizes must be positive: " + this);
        }
    }

    public int headDim() {
        return hiddenSize / numAttentionHeads;
    }

    /**
     * SD 1.x: OpenAI CLIP ViT-L/14's text tower, as in runwayml/stable-diffusion-v1-5
     * {@code text_encoder/config.json} (bos 0 / eos 2 are that file's legacy values, hence argmax pooling).
     */
    public static ClipTextConfig sd1() {
        return new ClipTextConfig(49408, 768, 3072, 12, 12, 77, "quick_gelu", 1e-5f, 0, 2, 1);
    }

    /**
     * SD 2.x: OpenCLIP ViT-H/14's text tower as diffusers converts it, with the 23 of its 24 layers SD2 uses
     * (stabilityai/stable-diffusion-2-1 {@code text_encoder/config.json}).
     */
    public static ClipTextConfig sd2() {
        return new ClipTextConfig(49408, 1024, 4096, 23, 16, 77, "gelu", 1e-5f, 0, 2, 1);
    }

    /** Reads a transformers config.json; a malformed file is an error naming the file and the key. */
    public static ClipTextConfig read(Path configJson) throws IOException {
        JsonObject root;
        try {
            JsonElement e = JsonParser.parseString(Files.readString(configJson));
            if (!e.isJsonObject()) {
                throw new IOException(configJson + ": expected a JSON object (a transformers CLIP config)");
            }
            root = e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IOException(configJson + ": not valid JSON: " + e.getMessage(), e);
        }
        return fromJson(root, configJson);
    }

    /**
     * Builds the config from a parsed transformers CLIP config (a folder's config.json, or the one {@code model.load}
     * derives for a single-file checkpoint); {@code configJson} names it in errors.
     */
    public static ClipTextConfig fromJson(JsonObject root, Path configJson) throws IOException {
        JsonObject c = root.has("text_config") && root.get("text_config").isJsonObject()
                ? root.getAsJsonObject("text_config") : root;
        try {
            return new ClipTextConfig(
                    intOr(c, "vocab_size", 49408, configJson),
                    intOr(c, "hidden_size", 512, configJson),
                    intOr(c, "intermediate_size", 2048, configJson),
                    intOr(c, "num_hidden_layers", 12, configJson),
                    intOr(c, "num_attention_heads", 8, configJson),
                    intOr(c, "max_position_embeddings", 77, configJson),
                    c.has("hidden_act") ? string(c, "hidden_act", configJson) : "quick_gelu",
                    (float) numberOr(c, "layer_norm_eps", 1e-5, configJson),
                    (long) numberOr(c, "bos_token_id", 49406, configJson),
                    (long) numberOr(c, "eos_token_id", 49407, configJson),
                    (long) numberOr(c, "pad_token_id", 1, configJson));
        } catch (IllegalArgumentException e) {
            throw new IOException(configJson + ": " + e.getMessage(), e);
        }
    }

    private static int intOr(JsonObject o, String key, int dflt, Path file) throws IOException {
        double v = numberOr(o, key, dflt, file);
        if (v != Math.rint(v) || v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw new IOException(file + ": key '" + key + "' must be an integer, found " + o.get(key));
        }
        return (int) v;
    }

    private static double numberOr(JsonObject o, String key, double dflt, Path file) throws IOException {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return dflt;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new IOException(file + ": key '" + key + "' must be a number, found " + e);
        }
        return e.getAsDouble();
    }

    private static String string(JsonObject o, String key, Path file) throws IOException {
        JsonElement e = o.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new IOException(file + ": key '" + key + "' must be a string, found " + e);
        }
        return e.getAsString();
    }
}
