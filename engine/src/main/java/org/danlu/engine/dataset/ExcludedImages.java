package org.danlu.engine.dataset;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Images set aside from training without deleting anything: each is moved, with its own caption,
 * into a hidden {@value #FOLDER} folder inside its subset folder, where neither kohya (its image glob
 * does not descend into folders) nor the scanner (hidden names are skipped) sees it, and moved back
 * by {@link #restore}. A move is one rename on the same disk and never replaces a file: a name taken
 * at the destination is reported and the file stays where it is. The image moves before its caption,
 * so an interruption can leave a caption without its image (ignored by kohya, reported by the lint),
 * never an image training without its caption.
 */
public final class ExcludedImages {
    /** The folder, inside a subset folder, holding that folder's images set aside. */
    public static final String FOLDER = ".excluded";

    private ExcludedImages() {
    }

    /**
     * What a move did.
     *
     * @param images   images moved
     * @param captions caption files moved with them
     * @param problems files left where they were, and why
     */
    public record Result(int images, int captions, List<Finding> problems) {
        /** "2 images, 1 caption" */
        public String summary() {
            return images + (images == 1 ? " image, " : " images, ") + captions + (captions == 1 ? " caption" : " captions");
        }
    }

    /**
     * Sets the selected images aside. A caption another image still in training reads (a.png and
     * a.jpg sharing a.txt, a face-crop caption) stays for that image.
     */
    public static Result exclude(DatasetScan scan, Selection selection) {
        List<ImageEntry> chosen = selection.of(scan);
        Set<Path> leaving = new HashSet<>();
        chosen.forEach(e -> leaving.add(e.path()));
        Set<Path> stillRead = new HashSet<>();
        scan.images().stream().filter(e -> !leaving.contains(e.path())).forEach(e -> stillRead.add(e.captionPath()));
        int images = 0;
        int captions = 0;
        List<Finding> problems = new ArrayList<>();
        Set<Path> dirs = new LinkedHashSet<>();
        for (ImageEntry e : chosen) {
            Path aside = e.path().resolveSibling(FOLDER);
            if (!move(e.path(), aside.resolve(e.fileName()), problems)) {
                continue;
            }
            images++;
            dirs.add(e.path().getParent());
            dirs.add(aside);
            Path caption = e.captionPath();
            boolean own = caption.getParent().equals(e.path().getParent()) && !stillRead.contains(caption);
            if (e.hasCaption() && own && move(caption, aside.resolve(caption.getFileName()), problems)) {
                captions++;
            }
        }
        dirs.forEach(AtomicFile::syncDir);
        return new Result(images, captions, problems);
    }

    /** Moves every image and caption set aside in the scan's subset folders back where it was. */
    public static Result restore(DatasetScan scan) throws IOException {
        int images = 0;
        int captions = 0;
        List<Finding> problems = new ArrayList<>();
        for (Path aside : folders(scan)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(aside)) {
                for (Path f : files) {
                    if (!Files.isRegularFile(f) || !move(f, aside.getParent().resolve(f.getFileName()), problems)) {
                        continue;
                    }
                    String name = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                    if (ImageFormat.ofFileName(name).isPresent()) {
                        images++;
                    } else if (name.endsWith(".txt") || name.endsWith(".caption")) {
                        captions++;
                    }
                }
            }
            AtomicFile.syncDir(aside);
            AtomicFile.syncDir(aside.getParent());
            try {
                Files.deleteIfExists(aside); // only when empty: anything else the user put there stays
            } catch (java.nio.file.DirectoryNotEmptyException e) {
                // a file that could not go back (its name is taken) keeps the folder
            }
        }
        return new Result(images, captions, problems);
    }

    /** The {@value #FOLDER} folders in the scan's subset folders. */
    private static List<Path> folders(DatasetScan scan) {
        List<Path> out = new ArrayList<>();
        for (DatasetFolder f : scan.folders()) {
            Path aside = f.dir().resolve(FOLDER);
            if (Files.isDirectory(aside)) {
                out.add(aside);
            }
        }
        return out;
    }

    private static boolean move(Path from, Path to, List<Finding> problems) {
        try {
            Files.createDirectories(to.getParent());
            Files.move(from, to); // a rename on the same disk; never replaces an existing file
            return true;
        } catch (FileAlreadyExistsException e) {
            problems.add(Finding.warning("name-taken", from, to + " already exists; left where it is",
                    "rename one of them, then try again"));
        } catch (IOException e) {
            problems.add(Finding.error("move-failed", from, "could not move it to " + to + ": " + e.getMessage(),
                    "check the folder's permissions and the disk"));
        }
        return false;
    }
}
