package org.danlu.engine.dataset;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Which images a statistic or a bulk edit covers. Empty sets mean "no restriction"; all given
 * restrictions must hold. {@code Selection.all()} is the whole dataset.
 *
 * @param folders  subset folder names
 * @param images   image paths
 * @param whereTag only images whose caption has this tag (null: any)
 */
public record Selection(Set<String> folders, Set<Path> images, String whereTag) {

    public Selection {
        folders = Set.copyOf(folders);
        images = Set.copyOf(images);
    }

    public static Selection all() {
        return new Selection(Set.of(), Set.of(), null);
    }

    public static Selection folder(String name) {
        return new Selection(Set.of(name), Set.of(), null);
    }

    public static Selection images(Collection<Path> paths) {
        return new Selection(Set.of(), Set.copyOf(paths), null);
    }

    public Selection inFolder(String name) {
        return new Selection(Set.of(name), images, whereTag);
    }

    public Selection withTag(String tag) {
        return new Selection(folders, images, tag);
    }

    public boolean matches(ImageEntry e) {
        return (folders.isEmpty() || folders.contains(e.folderName()))
                && (images.isEmpty() || images.contains(e.path()))
                && (whereTag == null || e.tags().contains(whereTag));
    }

    public List<ImageEntry> of(DatasetScan scan) {
        return scan.images().stream().filter(this::matches).toList();
    }
}
