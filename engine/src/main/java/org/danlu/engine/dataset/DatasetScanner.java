package org.danlu.engine.dataset;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Scans a dataset root the way kohya reads it and returns one immutable {@link DatasetScan}. Reads
 * only: nothing on disk is created or changed. Folder listings run first, then image headers and
 * caption files are read in parallel (a few KiB per image), then duplicates are hashed by size group.
 * Headers are read in kohya order, a chunk at a time, so a listener can be shown the images read so
 * far: the studio fills its lists from the first chunk instead of waiting for 10,000 headers.
 */
public final class DatasetScanner {
    /** Headers read between two looks at the clock; small enough that the first chunk arrives within ~50 ms cold. */
    private static final int CHUNK = 256;
    /** At most this often a partial scan is built for the listener (each costs a pass over the images read). */
    private static final long PROGRESS_EVERY_NANOS = 200_000_000L;
    private static final Comparator<Finding> FINDING_ORDER =
            Comparator.comparing((Finding f) -> f.file().toString()).thenComparing(Finding::kind);

    private final ScanOptions options;

    public DatasetScanner(ScanOptions options) {
        this.options = options;
    }

    public DatasetScanner() {
        this(ScanOptions.defaults());
    }

    public DatasetScan scan(Path rootIn) {
        return scan(rootIn, progress -> { });
    }

    /**
     * Scans like {@link #scan(Path)}, handing {@code listener} partial scans while headers are read
     * (on the scanning thread): the first after the first chunk, then at most every 200 ms. A partial
     * scan holds every folder with the images read so far, in kohya order, and the findings so far;
     * the lints that need every image (orphan and shared captions, duplicates, empty folders) come
     * only with the returned, complete scan. No partial scan is reported once all images are read.
     */
    public DatasetScan scan(Path rootIn, Consumer<ScanProgress> listener) {
        Path root = rootIn.toAbsolutePath().normalize();
        List<Finding> findings = new ArrayList<>();
        Optional<Finding> rootProblem = checkRoot(root);
        if (rootProblem.isPresent()) {
            findings.add(rootProblem.get());
            return new DatasetScan(root, DatasetScan.Layout.NONE, new CaptionExtension(".txt", true, 0, 0),
                    List.of(), findings);
        }
        List<Subset> subsets = new ArrayList<>();
        DatasetScan.Layout layout = findSubsets(root, subsets, findings);
        List<FolderListing> listings = subsets.parallelStream().map(s -> FolderListing.of(s.dir)).toList();
        listings.forEach(l -> findings.addAll(l.findings()));
        CaptionExtension ext = captionExtension(listings);
        int[] aside = subsets.stream().mapToInt(s -> setAside(s.dir)).toArray();

        Map<Path, ImageEntry> entries = new ConcurrentHashMap<>();
        List<Finding> imageFindings = java.util.Collections.synchronizedList(new ArrayList<>());
        ImageHeaderReader reader = new ImageHeaderReader();
        List<ImageTask> work = new ArrayList<>();
        for (int i = 0; i < subsets.size(); i++) {
            for (Path img : listings.get(i).images()) {
                work.add(new ImageTask(img, listings.get(i), subsets.get(i)));
            }
        }
        long reported = System.nanoTime() - PROGRESS_EVERY_NANOS;
        for (int from = 0; from < work.size(); from += CHUNK) {
            work.subList(from, Math.min(work.size(), from + CHUNK)).parallelStream().forEach(w -> {
                try {
                    ImageEntry e = readImage(w.image, w.listing, w.subset, ext, reader, imageFindings);
                    if (e != null) {
                        entries.put(w.image, e);
                    }
                } catch (java.nio.file.InvalidPathException e) {
                    // a path derived from the name (its caption, a face-crop caption) the locale cannot encode
                    imageFindings.add(Finding.unrepresentableName(w.image));
                }
            });
            int read = Math.min(work.size(), from + CHUNK);
            if (read < work.size() && System.nanoTime() - reported >= PROGRESS_EVERY_NANOS) {
                List<Finding> soFar = new ArrayList<>(findings);
                synchronized (imageFindings) {
                    soFar.addAll(imageFindings);
                }
                soFar.sort(FINDING_ORDER);
                listener.accept(new ScanProgress(new DatasetScan(root, layout, ext, folders(subsets, listings, entries, aside),
                        soFar), read, work.size()));
                reported = System.nanoTime();
            }
        }
        findings.addAll(imageFindings);

        List<DatasetFolder> folders = folders(subsets, listings, entries, aside);
        List<ImageEntry> all = new ArrayList<>();
        for (int i = 0; i < subsets.size(); i++) {
            all.addAll(folders.get(i).images());
            if (listings.get(i).images().isEmpty() && listings.get(i).findings().isEmpty()) {
                findings.add(Finding.warning("empty-folder", subsets.get(i).dir, "no images in this folder; kohya skips it",
                        "add images or remove the folder"));
            }
        }
        for (int i = 0; i < subsets.size(); i++) {
            if (aside[i] > 0) {
                findings.add(Finding.info("set-aside", subsets.get(i).dir.resolve(ExcludedImages.FOLDER), aside[i]
                        + " images set aside from training (kept on disk, not trained)",
                        "the command restore (studio : prompt, danlu console, danlu tags) moves them back"));
            }
        }
        java.util.Set<Path> used = new java.util.HashSet<>();
        all.stream().filter(ImageEntry::hasCaption).forEach(e -> used.add(e.captionPath()));
        listings.forEach(l -> findings.addAll(orphanCaptions(l, used)));
        findings.addAll(sharedCaptions(all));
        if (options.findDuplicates()) {
            findings.addAll(DuplicateFinder.find(all));
        }
        if (all.isEmpty() && findings.stream().noneMatch(f -> f.severity() == Severity.ERROR)) {
            findings.add(Finding.error("no-images", root, "no images found: kohya needs a parent folder of"
                    + " folders named like 10_name holding the images", "put the images in " + root.resolve("10_name")));
        }
        findings.sort(FINDING_ORDER);
        return new DatasetScan(root, layout, ext, folders, findings);
    }

    /** Each subset folder with those of its images read so far (all of them once the scan is done), in kohya order. */
    private static List<DatasetFolder> folders(List<Subset> subsets, List<FolderListing> listings, Map<Path, ImageEntry> entries,
                                               int[] aside) {
        List<DatasetFolder> folders = new ArrayList<>();
        for (int i = 0; i < subsets.size(); i++) {
            Subset s = subsets.get(i);
            folders.add(new DatasetFolder(s.dir, s.name, s.reg, listings.get(i).images().stream().map(entries::get)
                    .filter(java.util.Objects::nonNull).toList(), aside[i]));
        }
        return folders;
    }

    /** Images in the folder's {@link ExcludedImages#FOLDER} folder, counted by name (0 when there is none). */
    private static int setAside(Path dir) {
        Path aside = dir.resolve(ExcludedImages.FOLDER);
        if (!Files.isDirectory(aside)) {
            return 0;
        }
        int n = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(aside)) {
            for (Path p : ds) {
                n += ImageFormat.ofFileName(p.getFileName().toString()).isPresent() ? 1 : 0;
            }
        } catch (IOException e) {
            return 0; // unreadable: nothing to count, the folder itself is the user's
        }
        return n;
    }

    private record Subset(Path dir, FolderName name, boolean reg) {
    }

    private record ImageTask(Path image, FolderListing listing, Subset subset) {
    }

    private static Optional<Finding> checkRoot(Path root) {
        try {
            BasicFileAttributes a = Files.readAttributes(root, BasicFileAttributes.class);
            if (!a.isDirectory()) {
                return Optional.of(Finding.error("not-a-folder", root, "this is a file, not a folder",
                        "give the dataset folder (the parent of the N_name folders)"));
            }
            return Optional.empty();
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.of(Finding.error("missing-folder", root, "no such folder", "check the path"));
        } catch (AccessDeniedException e) {
            return Optional.of(Finding.error("permission-denied", root, "permission denied", "chmod a+rx the folder"));
        } catch (FileSystemException e) {
            return Optional.of(Finding.ofFileSystem(root, e, "folder"));
        } catch (IOException e) {
            return Optional.of(Finding.error("unreadable-folder", root, e.getMessage(), "check the path"));
        }
    }

    private DatasetScan.Layout findSubsets(Path root, List<Subset> out, List<Finding> findings) {
        Path train = root.resolve("train");
        if (Files.isDirectory(train)) {
            addSubsets(train, false, out, findings, root);
            Path reg = root.resolve("reg");
            if (Files.isDirectory(reg)) {
                addSubsets(reg, true, out, findings, root);
            }
            return DatasetScan.Layout.TRAIN_REG;
        }
        int before = out.size();
        boolean imagesInRoot = addSubsets(root, false, out, findings, root);
        if (out.size() > before) {
            if (imagesInRoot) {
                findings.add(Finding.warning("images-in-root", root, "kohya ignores images lying directly in"
                        + " the dataset folder", "move them into a folder named like 10_name"));
            }
            return DatasetScan.Layout.FOLDERS;
        }
        if (imagesInRoot) {
            // The user pointed at one image folder: it trains when its parent is the train_data_dir.
            String name = root.getFileName() == null ? "" : root.getFileName().toString();
            FolderName fn = FolderName.parse(name).orElse(new FolderName(name, 1, ""));
            if (FolderName.parse(name).isEmpty()) {
                findings.add(Finding.info("single-folder", root, "a single folder of images, taken as 1 repeat;"
                        + " kohya needs it inside a parent folder, named like 10_name", "rename it to 10_" + name
                        + " and give kohya its parent folder"));
            }
            findings.removeIf(f -> f.kind().equals("folder-not-kohya"));
            out.add(new Subset(root, fn, false));
            return DatasetScan.Layout.SINGLE_FOLDER;
        }
        return DatasetScan.Layout.FOLDERS;
    }

    /** Adds the kohya-named sub-folders of parent; returns whether images lie directly in parent. */
    private static boolean addSubsets(Path parent, boolean reg, List<Subset> out, List<Finding> findings, Path root) {
        boolean images = false;
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                if (Finding.unrepresentable(parent, name)) {
                    findings.add(Finding.unrepresentableName(p));
                    continue;
                }
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    if (a.isDirectory()) {
                        dirs.add(p);
                    } else if (ImageFormat.ofFileName(name).isPresent()) {
                        images = true;
                    }
                } catch (FileSystemException e) {
                    findings.add(Finding.ofFileSystem(p, e, "folder"));
                }
            }
        } catch (AccessDeniedException e) {
            findings.add(Finding.error("permission-denied", parent, "permission denied listing the folder",
                    "chmod a+rx the folder"));
            return false;
        } catch (IOException e) {
            findings.add(Finding.error("unreadable-folder", parent, "cannot list the folder: " + e.getMessage(),
                    "check the path"));
            return false;
        }
        dirs.sort(Comparator.comparing(Path::toString));
        for (Path d : dirs) {
            String name = d.getFileName().toString();
            if (linksToAncestor(d, root)) {
                findings.add(Finding.error("symlink-loop", d, "the folder links back to the dataset or above it",
                        "remove the link"));
                continue;
            }
            Optional<String> skip = FolderName.skipReason(name);
            if (skip.isPresent()) {
                if (!(parent.equals(root) && (name.equals("train") || name.equals("reg")))) {
                    findings.add(Finding.warning("folder-not-kohya", d, skip.get(), "rename it to 10_" + name
                            + " (10 repeats) or move it out"));
                }
                continue;
            }
            out.add(new Subset(d, FolderName.parse(name).orElseThrow(), reg));
        }
        return images;
    }

    private static boolean linksToAncestor(Path dir, Path root) {
        if (!Files.isSymbolicLink(dir)) {
            return false;
        }
        try {
            Path real = dir.toRealPath();
            Path realRoot = root.toRealPath();
            return realRoot.startsWith(real);
        } catch (IOException e) {
            return true;
        }
    }

    private CaptionExtension captionExtension(List<FolderListing> listings) {
        int txt = 0;
        int cap = 0;
        for (FolderListing l : listings) {
            for (Path img : l.images()) {
                String stem = FolderListing.stem(img.getFileName().toString());
                txt += l.captions().contains(stem + ".txt") ? 1 : 0;
                cap += l.captions().contains(stem + ".caption") ? 1 : 0;
            }
        }
        if (options.captionExtension() != null) {
            return new CaptionExtension(options.captionExtension(), false, txt, cap);
        }
        return new CaptionExtension(cap > txt ? ".caption" : ".txt", true, txt, cap);
    }

    private ImageEntry readImage(Path img, FolderListing listing, Subset subset, CaptionExtension ext,
                                 ImageHeaderReader reader, List<Finding> findings) {
        ImageHeaderReader.Result r = reader.read(img);
        findings.addAll(r.findings());
        if (r.header() == null) {
            return null;
        }
        String stem = FolderListing.stem(img.getFileName().toString());
        Path captionPath = img.resolveSibling(stem + ext.extension());
        CaptionFile caption = null;
        boolean own = listing.captions().contains(stem + ext.extension());
        if (!own) {
            Path faceCrop = faceCropCaption(img, ext.extension());
            if (faceCrop != null && Files.isRegularFile(faceCrop)) {
                captionPath = faceCrop;
                own = true;
                findings.add(Finding.info("face-crop-caption", img, "kohya reads its caption from " + faceCrop
                        + " (it drops the last four _-separated parts of a name, for face-crop file names)",
                        "give it its own caption file if that is not meant"));
            }
        }
        if (own) {
            try {
                caption = CaptionFile.read(captionPath);
            } catch (AccessDeniedException e) {
                findings.add(Finding.error("permission-denied", captionPath, "permission denied reading the caption",
                        "chmod a+r the file"));
            } catch (IOException e) {
                findings.add(Finding.error("unreadable-caption", captionPath, "cannot read: " + e.getMessage(),
                        "check the file"));
            }
        }
        ImageHeader h = r.header();
        ImageEntry e = new ImageEntry(img, h.format(), r.fileSize(), h.width(), h.height(), h.orientation(), captionPath,
                caption, subset.name.name());
        boolean other = listing.captions().contains(stem + ext.other());
        findings.addAll(ImageLint.check(e, ext, other, options));
        return e;
    }

    /**
     * kohya's second caption candidate (kohya-compat §1.3): when the path without extension splits
     * into 5 or more {@code _} pieces, the same path without the last four, plus the extension. The
     * split runs over the whole path string, folders included, exactly as sd-scripts does.
     */
    static Path faceCropCaption(Path image, String extension) {
        String full = image.toString();
        String base = full.substring(0, full.length() - ImageFormat.extension(full).length() - 1);
        String[] pieces = base.split("_", -1);
        if (pieces.length < 5) {
            return null;
        }
        return Path.of(String.join("_", java.util.Arrays.copyOf(pieces, pieces.length - 4)) + extension);
    }

    /** Images that read the same caption file (a.png and a.jpg, or a face-crop name): one edit changes all. */
    private static List<Finding> sharedCaptions(List<ImageEntry> images) {
        Map<Path, ImageEntry> first = new java.util.HashMap<>();
        List<Finding> out = new ArrayList<>();
        for (ImageEntry e : images) {
            ImageEntry before = first.putIfAbsent(e.captionPath(), e);
            if (before != null) {
                out.add(Finding.warning("shared-caption", e.path(), "shares the caption " + e.captionPath().getFileName()
                        + " with " + before.path().getFileName() + "; an edit to it changes both",
                        "rename one image so each has its own caption"));
            }
        }
        return out;
    }

    /** Caption files whose stem matches no image in the folder and that no image reads. */
    private static List<Finding> orphanCaptions(FolderListing l, java.util.Set<Path> used) {
        java.util.Set<String> stems = new java.util.HashSet<>();
        l.images().forEach(p -> stems.add(FolderListing.stem(p.getFileName().toString())));
        List<Finding> out = new ArrayList<>();
        for (String c : l.captions()) {
            if (!stems.contains(FolderListing.stem(c)) && !used.contains(l.dir().resolve(c))) {
                out.add(Finding.warning("caption-without-image", l.dir().resolve(c), "no image with this name",
                        "delete it, or restore its image"));
            }
        }
        return out;
    }
}
