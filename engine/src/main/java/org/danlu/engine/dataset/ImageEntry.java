package org.danlu.engine.dataset;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One trainable image, as the scan found it.
 *
 * @param storedWidth  width in the file header (what kohya uses: it ignores EXIF orientation)
 * @param storedHeight height in the file header
 * @param orientation  EXIF orientation 1..8 (1 = upright or absent)
 * @param captionPath  where its caption is or would be ({@code <stem><caption extension>})
 * @param caption      the caption file as read, or null when there is none
 * @param folderName   the subset folder it belongs to
 */
public record ImageEntry(Path path, ImageFormat format, long fileSize, int storedWidth, int storedHeight,
                         int orientation, Path captionPath, CaptionFile caption, String folderName) {

    /** Width shown upright: what Danlu buckets and trains with. */
    public int width() {
        return rotated() ? storedHeight : storedWidth;
    }

    /** Height shown upright: what Danlu buckets and trains with. */
    public int height() {
        return rotated() ? storedWidth : storedHeight;
    }

    /** Whether EXIF turns the image a quarter, so Danlu's size differs from kohya's. */
    public boolean rotated() {
        return orientation >= 5 && orientation <= 8;
    }

    public boolean hasCaption() {
        return caption != null;
    }

    public Optional<CaptionFile> captionFile() {
        return Optional.ofNullable(caption);
    }

    /** The caption's tags, empty when it has no caption file or the file is not UTF-8. */
    public List<String> tags() {
        return caption == null ? List.of() : caption.tags();
    }

    public String fileName() {
        return path.getFileName().toString();
    }

    /** This entry with another caption (after an edit). */
    public ImageEntry withCaption(CaptionFile newCaption) {
        return new ImageEntry(path, format, fileSize, storedWidth, storedHeight, orientation, captionPath,
                newCaption, folderName);
    }
}
