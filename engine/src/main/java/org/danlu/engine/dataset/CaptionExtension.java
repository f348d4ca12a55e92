package org.danlu.engine.dataset;

/**
 * The caption extension a dataset uses. kohya's default is {@code .caption} and it never falls back
 * to {@code .txt}; most datasets use {@code .txt}, so the scan counts both and says which it chose.
 *
 * @param extension   {@code .txt} or {@code .caption} (or what the user forced)
 * @param detected    false when the user named it
 * @param withTxt     images that have a {@code .txt} caption
 * @param withCaption images that have a {@code .caption} caption
 */
public record CaptionExtension(String extension, boolean detected, int withTxt, int withCaption) {

    /** The kohya option a training config needs for this dataset. */
    public String kohyaOption() {
        return "caption_extension = \"" + extension + "\"";
    }

    public String other() {
        return ".txt".equals(extension) ? ".caption" : ".txt";
    }
}
