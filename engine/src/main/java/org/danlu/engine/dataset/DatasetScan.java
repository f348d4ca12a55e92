package org.danlu.engine.dataset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything one scan found: the layout, the subset folders with their images and captions, the
 * caption extension in use, and the lint findings. Immutable; an edit yields a new scan.
 */
public record DatasetScan(Path root, Layout layout, CaptionExtension captionExtension,
                          List<DatasetFolder> folders, List<Finding> findings) {

    /** How the root was understood. */
    public enum Layout {
        /** {@code root/N_x/} folders (kohya's {@code train_data_dir}). */
        FOLDERS,
        /** {@code root/train/N_x/} and optionally {@code root/reg/N_x/}. */
        TRAIN_REG,
        /** The images lie in the root itself. */
        SINGLE_FOLDER,
        /** Nothing could be scanned (missing, not a folder, unreadable). */
        NONE
    }

    public DatasetScan {
        folders = List.copyOf(folders);
        findings = List.copyOf(findings);
    }

    public List<ImageEntry> images() {
        List<ImageEntry> all = new ArrayList<>();
        folders.forEach(f -> all.addAll(f.images()));
        return all;
    }

    public List<DatasetFolder> trainFolders() {
        return folders.stream().filter(f -> !f.reg()).toList();
    }

    public List<DatasetFolder> regFolders() {
        return folders.stream().filter(DatasetFolder::reg).toList();
    }

    public Optional<DatasetFolder> folder(String name) {
        return folders.stream().filter(f -> f.folderName().equals(name)).findFirst();
    }

    public Optional<ImageEntry> image(Path path) {
        return images().stream().filter(e -> e.path().equals(path)).findFirst();
    }

    public int imageCount() {
        return folders.stream().mapToInt(f -> f.images().size()).sum();
    }

    public long captionedCount() {
        return folders.stream().mapToLong(DatasetFolder::captionedCount).sum();
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }

    public long count(Severity s) {
        return findings.stream().filter(f -> f.severity() == s).count();
    }

    /** This scan with some captions replaced (after an edit), keyed by caption file path. */
    public DatasetScan withCaptions(java.util.Map<Path, CaptionFile> byCaption) {
        List<DatasetFolder> fs = new ArrayList<>();
        for (DatasetFolder f : folders) {
            List<ImageEntry> imgs = new ArrayList<>();
            for (ImageEntry e : f.images()) {
                CaptionFile c = byCaption.get(e.hasCaption() ? e.caption().path() : e.captionPath()); // or created
                imgs.add(c == null ? e : e.withCaption(c));
            }
            fs.add(new DatasetFolder(f.dir(), f.name(), f.reg(), imgs, f.setAside()));
        }
        return new DatasetScan(root, layout, captionExtension, fs, findings);
    }
}
