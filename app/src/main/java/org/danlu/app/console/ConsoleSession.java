package org.danlu.app.console;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.danlu.engine.dataset.DatasetScan;
import org.danlu.engine.dataset.DatasetScanner;
import org.danlu.engine.dataset.EditResult;
import org.danlu.engine.dataset.ExcludedImages;
import org.danlu.engine.dataset.Finding;
import org.danlu.engine.dataset.ImageEntry;
import org.danlu.engine.dataset.JournalEntry;
import org.danlu.engine.dataset.Selection;
import org.danlu.engine.dataset.TagEditor;
import org.danlu.engine.dataset.TagStats;

/**
 * The console's state and command execution, without a terminal: one dataset, its tag editor, and
 * {@link #execute(String)} turning a command line into output lines. Edits cover the images of the
 * last {@code list} filter (all images when none). {@code LineConsole} adds JLine around it.
 */
public final class ConsoleSession {
    private final Path root;
    private final TagEditor editor;
    private DatasetScan scan;
    private ImageFilter scope = ImageFilter.NONE;

    public ConsoleSession(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.editor = new TagEditor(this.root);
        this.scan = new DatasetScanner().scan(this.root);
    }

    public DatasetScan scan() {
        return scan;
    }

    /** Every tag in the dataset, for completion. */
    public Set<String> tags() {
        return new TreeSet<>(TagStats.of(scan.images()).imagesPerTag().keySet());
    }

    /** One line of the header printed on start. */
    public String summary() {
        return root + ": " + scan.imageCount() + " images in " + scan.folders().size() + " folders, "
                + scan.captionedCount() + " captioned, " + tags().size() + " distinct tags";
    }

    /** Runs one command line and returns what to print; errors come back as one "error: ..." line. */
    public List<String> execute(String line) {
        if (line.isBlank()) {
            return List.of();
        }
        try {
            TagCommand cmd = TagCommand.parse(line);
            if (cmd instanceof TagCommand.Edit e) {
                return edit(e);
            } else if (cmd instanceof TagCommand.Undo) {
                return walk(editor.undo());
            } else if (cmd instanceof TagCommand.Redo) {
                return walk(editor.redo());
            } else if (cmd instanceof TagCommand.History) {
                return history();
            } else if (cmd instanceof TagCommand.CreateCaptions cc) {
                Selection scope = cc.all() || this.scope.isEmpty() ? Selection.all()
                        : Selection.images(inScope().stream().map(ImageEntry::path).toList());
                return edit(new TagCommand.Edit(cc.edit(), false), cc.scope(scan, scope));
            } else if (cmd instanceof TagCommand.Exclude x) {
                return exclude(x);
            } else if (cmd instanceof TagCommand.Restore) {
                return moved("brought back", ExcludedImages.restore(scan));
            } else if (cmd instanceof TagCommand.ListImages l) {
                scope = new ImageFilter(l.filter());
                return list();
            }
            return help();
        } catch (IllegalArgumentException e) {
            return List.of("error: " + e.getMessage());
        } catch (IOException e) {
            return List.of("error: " + e.getMessage() + " (nothing was lost; the journal is in " + root + "/.danlu)");
        }
    }

    private List<ImageEntry> inScope() {
        Set<Path> bad = new java.util.HashSet<>();
        for (Finding f : scan.findings()) {
            bad.add(f.file());
        }
        return scan.images().stream()
                .filter(scope.predicate(e -> bad.contains(e.path()) || bad.contains(e.captionPath()))).toList();
    }

    private List<String> edit(TagCommand.Edit e) throws IOException {
        Selection sel = e.all() || scope.isEmpty() ? Selection.all()
                : Selection.images(inScope().stream().map(ImageEntry::path).toList());
        return edit(e, sel);
    }

    private List<String> edit(TagCommand.Edit e, Selection sel) throws IOException {
        EditResult r = editor.apply(scan, sel, e.edit());
        if (r.scan() != null) {
            scan = r.scan();
        }
        List<String> out = new ArrayList<>();
        out.add(r.description() + ": " + r.changes().size() + " files changed"
                + (r.changes().isEmpty() ? "" : " (undo: undo)"));
        r.conflicts().forEach(f -> out.add("conflict: " + f.file() + " changed on disk; left alone (" + f.fix() + ")"));
        return out;
    }

    /** Sets the listed images aside; never the whole dataset by accident: that takes --all. */
    private List<String> exclude(TagCommand.Exclude x) {
        if (!x.all() && scope.isEmpty()) {
            return List.of("error: exclude sets aside the images of the last list: list FILTER first (or exclude --all)");
        }
        Selection sel = x.all() ? Selection.all() : Selection.images(inScope().stream().map(ImageEntry::path).toList());
        return moved("set aside", ExcludedImages.exclude(scan, sel));
    }

    private List<String> moved(String what, ExcludedImages.Result r) {
        scan = new DatasetScanner().scan(root);
        List<String> out = new ArrayList<>();
        out.add(what + ": " + r.summary()
                + (what.equals("set aside") ? " (in .excluded in their folders; restore brings them back)" : ""));
        r.problems().forEach(f -> out.add("left: " + f.file() + ": " + f.message()));
        return out;
    }

    private List<String> walk(EditResult r) {
        scan = new DatasetScanner().scan(root);
        List<String> out = new ArrayList<>();
        out.add(r.journalId() == 0 ? r.description() : r.description() + ": " + r.changes().size() + " files");
        r.conflicts().forEach(f -> out.add("conflict: " + f.file() + " changed on disk; left alone"));
        return out;
    }

    private List<String> history() throws IOException {
        List<String> out = new ArrayList<>();
        for (JournalEntry e : editor.history()) {
            out.add((e.applied() ? "  " : "u ") + "#" + e.id() + " " + e.shown() + " (" + e.files() + " files)");
        }
        return out.isEmpty() ? List.of("no edits yet") : out;
    }

    /** A compact listing: folder/name: caption, at most 50 lines. */
    private List<String> list() {
        List<ImageEntry> images = inScope();
        List<String> out = new ArrayList<>();
        for (ImageEntry e : images.subList(0, Math.min(50, images.size()))) {
            String cap = e.hasCaption() ? e.caption().text() : "(no caption)";
            out.add(e.folderName() + "/" + e.fileName() + ": " + cap);
        }
        out.add(images.size() + " images" + (images.size() > 50 ? " (first 50 shown)" : "")
                + (scope.isEmpty() ? "" : "; edits now apply to these (list with no filter: all)"));
        return out;
    }

    private static List<String> help() {
        return List.of(
                "replace OLD NEW            rename a tag (quote tags with spaces)",
                "sub OLD NEW                replace text anywhere in the captions (quote it)",
                "add TAG [--front|--back|--after N]",
                "remove TAG                 remove a tag",
                "front TAG                  move a tag to the front",
                "sort [alpha|freq] [--keep N]",
                "dedupe                     remove repeated tags",
                "normalize [--underscores] [--lower]",
                "undo | redo | history",
                "caption TEXT               caption the listed images that have no caption file",
                "exclude [--all]            set the listed images aside from training (kept in .excluded)",
                "restore                    bring every image set aside back",
                "list [FILTER]              tag:X  -tag:X  nocaption  lint  rotated  NAME",
                "quit");
    }

    /** Tag counts, most images first (for the console's completion hints and tests). */
    public Map<String, Integer> frequency() {
        return TagStats.of(scan.images()).imagesPerTag();
    }
}
