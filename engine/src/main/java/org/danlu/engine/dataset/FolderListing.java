package org.danlu.engine.dataset;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The names in one subset folder, sorted into images and caption candidates. Only names are read
 * here (one directory listing); file sizes and headers are read later, in parallel.
 *
 * @param images   image files by extension in any case (hidden files excluded, as kohya's glob does)
 * @param captions names of {@code .txt} and {@code .caption} files
 */
record FolderListing(Path dir, List<Path> images, Set<String> captions, List<Finding> findings) {

    static FolderListing of(Path dir) {
        List<Path> images = new ArrayList<>();
        Set<String> captions = new HashSet<>();
        List<Finding> findings = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                if (Finding.unrepresentable(dir, name)) {
                    findings.add(Finding.unrepresentableName(p));
                    continue;
                }
                if (ImageFormat.ofFileName(name).isPresent()) {
                    images.add(p);
                } else {
                    String lower = name.toLowerCase(Locale.ROOT);
                    if (lower.endsWith(".txt") || lower.endsWith(".caption")) {
                        captions.add(name);
                    }
                }
            }
        } catch (AccessDeniedException e) {
            findings.add(Finding.error("permission-denied", dir, "permission denied listing the folder",
                    "chmod a+rx the folder"));
        } catch (FileSystemException e) {
            findings.add(Finding.ofFileSystem(dir, e, "folder"));
        } catch (IOException e) {
            findings.add(Finding.error("unreadable-folder", dir, "cannot list the folder: " + e.getMessage(),
                    "check the path and the disk"));
        }
        // kohya sorts by the full path string (code-point order)
        images.sort((a, b) -> a.toString().compareTo(b.toString()));
        return new FolderListing(dir, images, captions, findings);
    }

    static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? fileName : fileName.substring(0, dot);
    }
}
