package org.danlu.engine.dataset;

import java.nio.file.Path;
import java.util.List;

/**
 * One subset folder: kohya's repeats and class tokens from its name, and its images sorted by path
 * (kohya's order).
 *
 * @param reg      whether it is a regularization subset (under {@code reg/})
 * @param setAside images set aside from training in its {@link ExcludedImages#FOLDER} folder
 */
public record DatasetFolder(Path dir, FolderName name, boolean reg, List<ImageEntry> images, int setAside) {

    public DatasetFolder {
        images = List.copyOf(images);
    }

    public String folderName() {
        return name.name();
    }

    public int repeats() {
        return name.repeats();
    }

    public String classTokens() {
        return name.classTokens();
    }

    public String identifier() {
        return name.identifier();
    }

    public String className() {
        return name.className();
    }

    /**
     * The caption kohya trains this image with: its caption file's first line, stripped, or this
     * folder's class tokens when it has no caption file (class tokens are never prepended).
     */
    public String captionOf(ImageEntry image) {
        CaptionFile c = image.caption();
        return c == null ? classTokens() : c.text();
    }

    public long captionedCount() {
        return images.stream().filter(ImageEntry::hasCaption).count();
    }
}
