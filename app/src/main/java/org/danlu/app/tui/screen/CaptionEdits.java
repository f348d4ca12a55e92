package org.danlu.app.tui.screen;

import java.util.ArrayList;
import java.util.List;
import org.danlu.app.console.EditPreview;
import org.danlu.app.console.TagCommand;
import org.danlu.app.tui.i18n.Messages;
import org.danlu.app.tui.state.Browse;
import org.danlu.app.tui.state.DatasetModel;
import org.danlu.app.tui.text.DisplayWidth;
import org.danlu.app.console.ImageFilter;
import org.danlu.engine.dataset.DatasetScan;
import org.danlu.engine.dataset.DatasetScanner;
import org.danlu.engine.dataset.EditResult;
import org.danlu.engine.dataset.Selection;
import org.danlu.engine.dataset.TagEdit;

/**
 * Every caption change the studio makes goes through here: a dry run counts the files that would
 * change, the user confirms ("Replace 1girl with 1woman in 37 files?"), the dataset layer's
 * {@code TagEditor} writes them on a worker as one journal entry, and the new scan comes back to
 * the GUI thread. Undo and redo walk the same journal. Also runs {@code :} command lines.
 */
public final class CaptionEdits {
    private final ScreenHost host;
    private final Messages msg;
    private final DatasetModel model;
    private final Browse browse;
    private final ImageMoves moves;

    public CaptionEdits(ScreenHost host, DatasetModel model, Browse browse) {
        this.host = host;
        this.msg = host.messages();
        this.model = model;
        this.browse = browse;
        this.moves = new ImageMoves(host, model, browse);
    }

    /** Runs one {@code :} command line; errors become a flash naming the usage. */
    public void run(String line) {
        TagCommand cmd;
        try {
            cmd = TagCommand.parse(line);
        } catch (IllegalArgumentException e) {
            host.flash(e.getMessage(), true);
            return;
        }
        if (cmd instanceof TagCommand.Edit e) {
            edit(e.all() ? Selection.all() : browse.selection(), e.edit(), true);
        } else if (cmd instanceof TagCommand.Undo) {
            undo();
        } else if (cmd instanceof TagCommand.Redo) {
            redo();
        } else if (cmd instanceof TagCommand.ListImages l) {
            browse.setFilter(new ImageFilter(l.filter()));
            host.show(0);
        } else if (cmd instanceof TagCommand.History) {
            history();
        } else if (cmd instanceof TagCommand.CreateCaptions cc) {
            if (readyToWrite()) {
                Selection scope = cc.scope(model.scan(), cc.all() ? Selection.all() : browse.selection());
                edit(scope, cc.edit(), msg.get("edit.desc.createCaptions", DisplayWidth.truncate(cc.text(), 60)), true);
            }
        } else if (cmd instanceof TagCommand.Exclude x) {
            if (readyToWrite()) {
                moves.exclude(x.all());
            }
        } else if (cmd instanceof TagCommand.Restore) {
            if (readyToWrite()) {
                moves.restore();
            }
        } else {
            host.flash(msg.get("command.help", String.join(" ", TagCommand.NAMES)), false);
        }
    }

    /**
     * Applies an edit to a selection; with {@code confirm} the user first sees how many files change.
     * Nothing to change is reported without asking.
     */
    public void edit(Selection selection, TagEdit edit, boolean confirm) {
        edit(selection, edit, describe(edit), confirm);
    }

    /**
     * The edit in the user's language (the engine's {@link TagEdit#describe()} is English, for the
     * journal and the console); in English the two read the same.
     */
    public String describe(TagEdit edit) {
        if (edit instanceof TagEdit.Add a) {
            return msg.get("edit.desc.add." + a.position(), a.tag(), a.keep());
        } else if (edit instanceof TagEdit.Remove r) {
            return msg.get("edit.desc.remove", r.tag());
        } else if (edit instanceof TagEdit.Replace r) {
            return msg.get("edit.desc.replace", r.from(), r.to());
        } else if (edit instanceof TagEdit.ReplaceText r) {
            return msg.get("edit.desc.replaceText", r.from(), r.to());
        } else if (edit instanceof TagEdit.MoveToFront m) {
            return msg.get("edit.desc.moveToFront", m.tag());
        } else if (edit instanceof TagEdit.Sort o) {
            String sort = msg.get("edit.desc.sort." + o.order());
            return o.keep() > 0 ? msg.get("edit.desc.sortKeeping", sort, o.keep()) : sort;
        } else if (edit instanceof TagEdit.Dedupe) {
            return msg.get("edit.desc.dedupe");
        } else if (edit instanceof TagEdit.Normalize n) {
            return msg.get("edit.desc.normalize")
                    + (n.underscoreToSpace() ? msg.get("edit.desc.normalizeUnderscore") : "")
                    + (n.lowercase() ? msg.get("edit.desc.normalizeLowercase") : "");
        } else if (edit instanceof TagEdit.SetTags t) {
            return msg.get("edit.desc.setTags", DisplayWidth.truncate(String.join(", ", t.tags()), 60));
        }
        return edit.describe(); // an edit added to the engine later: its English words until it gets its own
    }

    /**
     * As {@link #edit(Selection, TagEdit, boolean)}, with the words the user sees for it: a screen that
     * expresses a gesture as a general edit (moving a tag is a {@link TagEdit.SetTags}) names the gesture.
     */
    public void edit(Selection selection, TagEdit edit, String description, boolean confirm) {
        if (!readyToWrite()) {
            return;
        }
        // The dry run reads every selected caption (10,000 take ~0.2 s): a worker counts, the GUI asks.
        var scan = model.scan();
        host.store().load(() -> EditPreview.filesChanged(scan, selection, edit),
                n -> confirmAndApply(selection, edit, description, confirm, n),
                e -> host.flash(msg.get("edit.failed", e.getMessage()), true));
    }

    private void confirmAndApply(Selection selection, TagEdit edit, String description, boolean confirm, int n) {
        if (n == 0) {
            host.flash(msg.get("edit.nothing", description), false);
            return;
        }
        // The scan is read here, on the GUI thread that owns the model; the writer gets the value.
        Runnable go = () -> {
            var current = model.scan();
            host.store().write(() -> model.editor().apply(current, selection, edit, description), r -> applied(r, description),
                    e -> host.flash(msg.get("edit.failed", e.getMessage()), true));
        };
        if (confirm) {
            String scope = scopeLine(msg, browse, selection, selection.of(model.scan()).size());
            host.confirm(msg.get("edit.title"), List.of(description, msg.get("edit.count", n), scope),
                    false, go);
        } else {
            go.run();
        }
    }

    /** The confirmation's scope line: the whole dataset, the marked images, or the images listed. */
    static String scopeLine(Messages msg, Browse browse, Selection selection, int images) {
        if (selection.equals(Selection.all()) || browse.showsAll()) {
            return msg.get("edit.scopeAll");
        }
        return browse.markedCount() > 0 ? msg.get("edit.scopeMarked", images) : msg.get("edit.scopeSelection", images);
    }

    private void applied(EditResult r, String description) {
        if (r.scan() != null) {
            model.setScan(r.scan());
        }
        report(r, "edit.done", description);
    }

    /**
     * Whether captions may be written now. Not while the opening scan still reads: an edit would be
     * applied to the partial scan, and the scan finishing after it would show captions read before it.
     */
    private boolean readyToWrite() {
        if (!model.loaded()) {
            host.flash(msg.get("command.unavailable"), true);
            return false;
        }
        if (model.reading().isPresent()) {
            host.flash(msg.get("edit.waitForScan", model.reading().get().imagesRead(), model.reading().get().imagesTotal()), true);
            return false;
        }
        return true;
    }

    public void undo() {
        walk(true);
    }

    public void redo() {
        walk(false);
    }

    private void walk(boolean undo) {
        if (!readyToWrite()) {
            return;
        }
        host.store().write(() -> {
            EditResult r = undo ? model.editor().undo() : model.editor().redo();
            // Undo/redo return no scan: read the captions again so the screens show the files as they are.
            return new Object[] {r, new DatasetScanner().scan(model.root())};
        }, pair -> {
            EditResult r = (EditResult) pair[0];
            model.setScan((DatasetScan) pair[1]);
            if (r.journalId() == 0) {
                host.flash(msg.get(undo ? "edit.nothingToUndo" : "edit.nothingToRedo"), false);
            } else {
                report(r, undo ? "edit.undone" : "edit.redone", r.shown());
            }
        }, e -> host.flash(msg.get("edit.failed", e.getMessage()), true));
    }

    /**
     * Tells what an edit did. Captions another program changed since the scan were left alone by
     * the editor; the user sees which and is offered a reload so the screens show them as they are.
     */
    private void report(EditResult r, String key, String description) {
        if (!r.conflicts().isEmpty()) {
            List<String> lines = new ArrayList<>();
            lines.add(msg.get("edit.conflicts", r.changes().size(), r.conflicts().size()));
            r.conflicts().stream().limit(5).forEach(f -> lines.add("  " + model.root().relativize(f.file())));
            lines.add(msg.get("edit.reloadAsk"));
            host.confirm(msg.get("edit.conflictTitle"), lines, true, this::reload);
        } else {
            host.flash(msg.get(key, description, r.changes().size()), false);
        }
    }

    /** Reads the dataset from disk again (after a conflict, or on request). */
    public void reload() {
        host.store().load(() -> new DatasetScanner().scan(model.root()), scan -> {
            model.setScan(scan);
            host.flash(msg.get("edit.reloaded"), false);
        }, e -> host.flash(msg.get("dataset.scanFailed", e.getMessage()), true));
    }

    private void history() {
        host.store().load(() -> model.editor().history(), entries -> {
            List<String> lines = new ArrayList<>();
            entries.stream().skip(Math.max(0, entries.size() - 8)).forEach(e ->
                    lines.add((e.applied() ? "✓ " : "  ") + "#" + e.id() + " " + e.shown() + " (" + e.files() + ")"));
            if (lines.isEmpty()) {
                lines.add(msg.get("edit.noHistory"));
            }
            host.confirm(msg.get("edit.history"), lines, false, () -> { });
        }, e -> host.flash(e.getMessage(), true));
    }
}
