package org.danlu.engine.train;

/**
 * The per-subset caption options of kohya's dataset config that act at train time
 * ({@code kohya-compat.md} §2), with kohya's defaults in {@link #defaults()}.
 *
 * @param shuffleCaption             shuffle the flexible tags
 * @param captionSeparator           tag separator (default ",")
 * @param keepTokens                 leading tags never shuffled or dropped (counted in tags, not CLIP tokens)
 * @param keepTokensSeparator        when present in a caption, splits fixed | flexible | fixed-suffix parts ("" = off)
 * @param secondarySeparator         replaced by {@code captionSeparator} after shuffling (null = off)
 * @param enableWildcard             pick one line of a multi-line caption and expand {@code {a|b}} groups
 * @param captionPrefix              prepended with one space (null or "" = off)
 * @param captionSuffix              appended with one space (null or "" = off)
 * @param captionDropoutRate         probability that the whole caption becomes ""
 * @param captionDropoutEveryNEpochs drop every caption in epochs divisible by this (0 = off)
 * @param captionTagDropoutRate      probability that each flexible tag is dropped
 * @param tokenWarmupMin             tags kept at step 0 during token warm-up (default 1)
 * @param tokenWarmupStep            steps of token warm-up; below 1 a fraction of max_train_steps (0 = off)
 */
public record CaptionSettings(boolean shuffleCaption, String captionSeparator, int keepTokens,
                              String keepTokensSeparator, String secondarySeparator, boolean enableWildcard,
                              String captionPrefix, String captionSuffix, double captionDropoutRate,
                              int captionDropoutEveryNEpochs, double captionTagDropoutRate, int tokenWarmupMin,
                              double tokenWarmupStep) {

    public CaptionSettings {
        if (captionSeparator == null || captionSeparator.isEmpty()) {
            throw new IllegalArgumentException("caption_separator must not be empty (kohya's default is \",\")");
        }
        keepTokensSeparator = keepTokensSeparator == null ? "" : keepTokensSeparator;
        requireRate("caption_dropout_rate", captionDropoutRate);
        requireRate("caption_tag_dropout_rate", captionTagDropoutRate);
        if (keepTokens < 0 || captionDropoutEveryNEpochs < 0 || tokenWarmupStep < 0) {
            throw new IllegalArgumentException(
                    "keep_tokens, caption_dropout_every_n_epochs and token_warmup_step must not be negative");
        }
    }

    private static void requireRate(String key, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(key + " must be between 0 and 1, got " + rate);
        }
    }

    /** kohya's defaults: nothing shuffled, dropped or added; separator ",". */
    public static CaptionSettings defaults() {
        return new CaptionSettings(false, ",", 0, "", null, false, null, null, 0, 0, 0, 1, 0);
    }

    public CaptionSettings withShuffle(boolean shuffle, int keep) {
        return new CaptionSettings(shuffle, captionSeparator, keep, keepTokensSeparator, secondarySeparator,
                enableWildcard, captionPrefix, captionSuffix, captionDropoutRate, captionDropoutEveryNEpochs,
                captionTagDropoutRate, tokenWarmupMin, tokenWarmupStep);
    }

    public CaptionSettings withSeparators(String separator, String keepSeparator, String secondary) {
        return new CaptionSettings(shuffleCaption, separator, keepTokens, keepSeparator, secondary,
                enableWildcard, captionPrefix, captionSuffix, captionDropoutRate, captionDropoutEveryNEpochs,
                captionTagDropoutRate, tokenWarmupMin, tokenWarmupStep);
    }

    public CaptionSettings withAffixes(String prefix, String suffix) {
        return new CaptionSettings(shuffleCaption, captionSeparator, keepTokens, keepTokensSeparator,
                secondarySeparator, enableWildcard, prefix, suffix, captionDropoutRate, captionDropoutEveryNEpochs,
                captionTagDropoutRate, tokenWarmupMin, tokenWarmupStep);
    }

    public CaptionSettings withDropout(double rate, int everyNEpochs, double tagRate) {
        return new CaptionSettings(shuffleCaption, captionSeparator, keepTokens, keepTokensSeparator,
                secondarySeparator, enableWildcard, captionPrefix, captionSuffix, rate, everyNEpochs, tagRate,
                tokenWarmupMin, tokenWarmupStep);
    }

    public CaptionSettings withWildcard(boolean wildcard) {
        return new CaptionSettings(shuffleCaption, captionSeparator, keepTokens, keepTokensSeparator,
                secondarySeparator, wildcard, captionPrefix, captionSuffix, captionDropoutRate,
                captionDropoutEveryNEpochs, captionTagDropoutRate, tokenWarmupMin, tokenWarmupStep);
    }

    public CaptionSettings withTokenWarmup(int min, double step) {
        return new CaptionSettings(shuffleCaption, captionSeparator, keepTokens, keepTokensSeparator,
                secondarySeparator, enableWildcard, captionPrefix, captionSuffix, captionDropoutRate,
                captionDropoutEveryNEpochs, captionTagDropoutRate, min, step);
    }
}
