package org.danlu.app.tui.screen.tags;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import org.danlu.engine.config.TrainConfig;
import org.danlu.engine.model.clip.TokenWindows;

/**
 * Where the Tags screen looks for the CLIP tokenizer and how many tokens the trainer keeps, as the
 * training config says: {@code tokenizer_path} when set, else the model folder's tokenizer, else the
 * HuggingFace cache (the engine's {@code TokenizerLocator} order, the same one training uses), and
 * {@code max_token_length} (75 unset; 150 and 225 mean two and three windows, as in kohya).
 *
 * @param configured     {@code tokenizer_path}, or null
 * @param modelFolder    {@code pretrained_model_name_or_path} as a path (a diffusers folder carries
 *                       {@code tokenizer/tokenizer.json}; anything else is skipped by the locator), or null
 * @param hubCache       the HuggingFace hub cache folder, or null
 * @param maxTokenLength kohya's {@code max_token_length}, or null for 75
 */
public record TokenizerSettings(Path configured, Path modelFolder, Path hubCache, Integer maxTokenLength) {

    /** No training config: the HuggingFace cache only, 75 tokens. */
    public static TokenizerSettings hubOnly(Path hubCache) {
        return new TokenizerSettings(null, null, hubCache, null);
    }

    /** From a training config whose relative paths are relative to {@code baseDir}. */
    public static TokenizerSettings of(TrainConfig cfg, Path baseDir, Path hubCache) {
        Integer max = cfg.isSet("max_token_length") ? cfg.maxTokenLength() : null;
        return new TokenizerSettings(path(baseDir, cfg.string("tokenizer_path")),
                path(baseDir, cfg.pretrainedModelNameOrPath()), hubCache, max);
    }

    private static Path path(Path baseDir, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return baseDir.resolve(value.strip()).normalize();
        } catch (InvalidPathException e) {
            return null; // not a path the locator could look at; the Params screen's validator says why
        }
    }

    /** Whether the tokenizer found for {@code other} is the one these settings would find. */
    boolean samePlaces(TokenizerSettings other) {
        return other != null && Objects.equals(configured, other.configured)
                && Objects.equals(modelFolder, other.modelFolder) && Objects.equals(hubCache, other.hubCache);
    }

    /**
     * Windows of 75 tokens the trainer encodes ({@link TokenWindows#count}); a value kohya rejects
     * counts as one window here (the Params screen reports the bad value).
     */
    int windows() {
        try {
            return TokenWindows.count(maxTokenLength);
        } catch (IllegalArgumentException e) {
            return 1;
        }
    }
}
