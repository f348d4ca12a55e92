package org.danlu.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.danlu.engine.dataset.CaptionChange;
import org.danlu.engine.dataset.DatasetScan;
import org.danlu.engine.dataset.DatasetScanner;
import org.danlu.engine.dataset.EditResult;
import org.danlu.engine.dataset.ExcludedImages;
import org.danlu.engine.dataset.Finding;
import org.danlu.engine.dataset.JournalEntry;
import org.danlu.engine.dataset.Selection;
import org.danlu.engine.dataset.TagEdit;
import org.danlu.engine.dataset.TagEditor;
import org.danlu.engine.dataset.TagStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code danlu tags DIR ACTION ...}: tag statistics and undoable bulk caption edits. */
@Command(name = "tags", mixinStandardHelpOptions = true,
        description = {"List caption tags or edit them in bulk; every edit is one undoable journal entry",
            "(DIR/.danlu/journal). Actions:",
            "  list                     tag counts, captionless/empty captions, duplicate tags",
            "  add TAG                  add a tag (--front, --back (default) or --after N)",
            "  remove TAG               remove a tag",
            "  replace OLD NEW          replace or rename a tag",
            "  sub OLD NEW              replace text anywhere in the captions, inside tags too",
            "  front TAG                move a tag to the front",
            "  sort                     sort tags (--by alpha|frequency, --keep N first tags in place)",
            "  dedupe                   remove repeated tags within each caption",
            "  normalize                trim, collapse spaces, ', ' separators (--underscores, --lowercase)",
            "  undo | redo | history    walk the edit journal",
            "  exclude                  set the selected images aside from training (into .excluded, kept;",
            "                           needs --image, --folder or --where-tag)",
            "  restore                  bring every image set aside back",
            "Exit code: 0 done, 1 some captions were left alone (conflicts), 2 the command failed."})
final class TagsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "the dataset folder")
    Path dir;

    @Parameters(index = "1", paramLabel = "ACTION", description = "list, add, remove, replace, front, sort, "
            + "dedupe, normalize, sub, undo, redo, history, exclude, restore")
    String action;

    @Parameters(index = "2..*", paramLabel = "TAG", description = "the action's tags")
    List<String> args = new ArrayList<>();

    @Option(names = "--folder", paramLabel = "NAME", description = "only this subset folder (repeatable)")
    List<String> folders = new ArrayList<>();

    @Option(names = "--image", paramLabel = "PATH", description = "only this image (repeatable)")
    List<Path> images = new ArrayList<>();

    @Option(names = "--where-tag", paramLabel = "TAG", description = "only images whose caption has TAG")
    String whereTag;

    @Option(names = "--front", description = "add: put the tag first") boolean front;
    @Option(names = "--back", description = "add: put the tag last (default)") boolean back;
    @Option(names = "--after", paramLabel = "N", description = "add: put the tag after the first N tags")
    Integer after;

    @Option(names = "--by", paramLabel = "ORDER", defaultValue = "alpha", description = "sort: alpha or frequency")
    String by;

    @Option(names = "--keep", paramLabel = "N", defaultValue = "0", description = "sort: keep the first N tags in place")
    int keep;

    @Option(names = "--underscores", description = "normalize: turn _ into a space") boolean underscores;
    @Option(names = "--lowercase", description = "normalize: lowercase every tag") boolean lowercase;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "list: show at most N tags")
    int limit;

    @Option(names = "--caption-extension", paramLabel = "EXT", description = "caption extension; default: detected")
    String captionExtension;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        TagEditor editor = new TagEditor(dir);
        // finish an edit a crash interrupted before anything else reads or writes captions
        editor.recover().ifPresent(r -> print(r, out));
        switch (action.toLowerCase(Locale.ROOT)) {
            case "undo" -> {
                return print(editor.undo(), out);
            }
            case "redo" -> {
                return print(editor.redo(), out);
            }
            case "history" -> {
                for (JournalEntry e : editor.history()) {
                    out.printf("%s #%d %s (%d captions)%n", e.applied() ? " " : "~", e.id(), e.shown(), e.files());
                }
                out.flush();
                return 0;
            }
            default -> {
            }
        }
        DatasetScan scan = new DatasetScanner(ScanCommand.options(captionExtension, 128)).scan(dir);
        if (scan.layout() == DatasetScan.Layout.NONE) {
            throw new IllegalArgumentException(scan.findings().get(0).oneLine().strip());
        }
        for (String f : folders) {
            if (scan.folder(f).isEmpty()) {
                throw new IllegalArgumentException("no folder named '" + f + "' in " + scan.root());
            }
        }
        Selection sel = new Selection(java.util.Set.copyOf(folders),
                images.stream().map(p -> p.toAbsolutePath().normalize()).collect(java.util.stream.Collectors.toSet()),
                whereTag);
        if ("list".equalsIgnoreCase(action)) {
            list(TagStats.of(sel.of(scan)), out);
            return 0;
        }
        if ("exclude".equalsIgnoreCase(action)) {
            if (folders.isEmpty() && images.isEmpty() && whereTag == null) {
                throw new IllegalArgumentException("exclude needs --image, --folder or --where-tag: it never sets the"
                        + " whole dataset aside by accident");
            }
            return print("set aside", ExcludedImages.exclude(scan, sel), out);
        }
        if ("restore".equalsIgnoreCase(action)) {
            return print("brought back", ExcludedImages.restore(scan), out);
        }
        return print(editor.apply(scan, sel, edit()), out);
    }

    private TagEdit edit() {
        return switch (action.toLowerCase(Locale.ROOT)) {
            case "add" -> new TagEdit.Add(arg(0, "add TAG"), after != null ? TagEdit.Position.AFTER_KEEP
                    : front ? TagEdit.Position.FRONT : TagEdit.Position.BACK, after == null ? 0 : after);
            case "remove" -> new TagEdit.Remove(arg(0, "remove TAG"));
            case "replace", "rename" -> new TagEdit.Replace(arg(0, "replace OLD NEW"), arg(1, "replace OLD NEW"));
            case "sub" -> {
                if (args.size() < 2) {
                    throw new IllegalArgumentException("missing text: danlu tags DIR sub OLD NEW (NEW may be \"\" to delete OLD)");
                }
                yield new TagEdit.ReplaceText(arg(0, "sub OLD NEW"), args.get(1));
            }
            case "front" -> new TagEdit.MoveToFront(arg(0, "front TAG"));
            case "sort" -> new TagEdit.Sort(switch (by.toLowerCase(Locale.ROOT)) {
                case "alpha", "alphabetical" -> TagEdit.Order.ALPHABETICAL;
                case "frequency", "freq" -> TagEdit.Order.FREQUENCY;
                default -> throw new IllegalArgumentException("--by takes alpha or frequency, not '" + by + "'");
            }, keep);
            case "dedupe" -> new TagEdit.Dedupe();
            case "normalize" -> new TagEdit.Normalize(underscores, lowercase);
            default -> throw new IllegalArgumentException("unknown action '" + action + "'; use list, add, remove, "
                    + "replace, sub, front, sort, dedupe, normalize, undo, redo, history, exclude or restore");
        };
    }

    private String arg(int i, String usage) {
        if (args.size() <= i || args.get(i).isBlank()) {
            throw new IllegalArgumentException("missing tag: danlu tags DIR " + usage);
        }
        return args.get(i).strip();
    }

    private void list(TagStats s, PrintWriter out) {
        out.printf("%d images: %d without caption file, %d with an empty caption, %d with repeated tags%n",
                s.images(), s.noCaption().size(), s.emptyCaption().size(), s.duplicates().size());
        out.printf("%d distinct tags (images / occurrences):%n", s.imagesPerTag().size());
        for (Map.Entry<String, Integer> t : s.top(limit)) {
            out.printf("  %5d %5d  %s%n", t.getValue(), s.occurrences().get(t.getKey()), t.getKey());
        }
        if (s.imagesPerTag().size() > limit) {
            out.printf("  ... and %d more (--limit N)%n", s.imagesPerTag().size() - limit);
        }
        s.noCaption().stream().limit(10).forEach(p -> out.println("  no caption: " + p));
        s.emptyCaption().stream().limit(10).forEach(p -> out.println("  empty caption: " + p));
        s.duplicates().entrySet().stream().limit(10)
                .forEach(e -> out.println("  repeated " + String.join(", ", e.getValue()) + ": " + e.getKey()));
        out.flush();
    }

    /** Images moved aside or back; exit 1 when some file stayed where it was. */
    private static int print(String what, ExcludedImages.Result r, PrintWriter out) {
        out.printf("%s: %s%n", what, r.summary());
        r.problems().forEach(f -> out.println("  " + f.oneLine()));
        out.flush();
        return r.problems().isEmpty() ? 0 : 1;
    }

    private static int print(EditResult r, PrintWriter out) {
        out.printf("%s: %d caption%s changed%s%n", r.description(), r.changes().size(),
                r.changes().size() == 1 ? "" : "s", r.journalId() > 0 ? " (journal #" + r.journalId() + ")" : "");
        int shown = 0;
        for (CaptionChange c : r.changes()) {
            if (shown++ == 20) {
                out.printf("  ... and %d more%n", r.changes().size() - 20);
                break;
            }
            out.printf("  %s%n    - %s%n    + %s%n", c.caption(), c.before(), c.after());
        }
        long noCaption = r.skipped().stream().filter(f -> f.kind().equals("no-caption")).count();
        if (noCaption > 0) {
            out.printf("  skipped %d image%s without a caption file%n", noCaption, noCaption == 1 ? "" : "s");
        }
        r.skipped().stream().filter(f -> !f.kind().equals("no-caption")).forEach(f -> out.println("  skipped " + f.oneLine()));
        for (Finding f : r.conflicts()) {
            out.println("  " + f.oneLine());
        }
        out.flush();
        return r.conflicts().isEmpty() ? 0 : 1;
    }
}
