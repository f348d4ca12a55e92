package org.danlu.app.tui.screen;

import java.util.List;
import org.danlu.app.tui.i18n.Messages;
import org.danlu.app.tui.state.Browse;
import org.danlu.app.tui.state.DatasetModel;
import org.danlu.engine.dataset.DatasetScan;
import org.danlu.engine.dataset.DatasetScanner;
import org.danlu.engine.dataset.ExcludedImages;
import org.danlu.engine.dataset.Selection;

/**
 * The studio's {@code :exclude} and {@code :restore}: images set aside from training (moved, with
 * their captions, into {@code .excluded} in their folders; nothing deleted) and brought back. The
 * moves run on the writer thread, then the dataset is scanned again.
 */
final class ImageMoves {
    private final ScreenHost host;
    private final Messages msg;
    private final DatasetModel model;
    private final Browse browse;

    ImageMoves(ScreenHost host, DatasetModel model, Browse browse) {
        this.host = host;
        this.msg = host.messages();
        this.model = model;
        this.browse = browse;
    }

    /** Asks, then sets aside the selection (marked images, else the list shown; every image with {@code all}). */
    void exclude(boolean all) {
        Selection selection = all ? Selection.all() : browse.selection();
        int n = selection.of(model.scan()).size();
        if (n == 0) {
            host.flash(msg.get("exclude.none"), false);
            return;
        }
        String scope = CaptionEdits.scopeLine(msg, browse, selection, n);
        host.confirm(msg.get("exclude.title"), List.of(msg.get("exclude.lead", n), msg.get("exclude.how"), scope),
                true, () -> {
                    DatasetScan scan = model.scan(); // read on the GUI thread that owns the model
                    move(() -> ExcludedImages.exclude(scan, selection), "exclude.done");
                });
    }

    void restore() {
        DatasetScan scan = model.scan();
        move(() -> ExcludedImages.restore(scan), "restore.done");
    }

    private interface Move {
        ExcludedImages.Result run() throws Exception;
    }

    private void move(Move m, String doneKey) {
        host.store().write(() -> {
            ExcludedImages.Result r = m.run();
            return new Object[] {r, new DatasetScanner().scan(model.root())};
        }, pair -> {
            ExcludedImages.Result r = (ExcludedImages.Result) pair[0];
            browse.clearMarks();
            model.setScan((DatasetScan) pair[1]);
            if (r.problems().isEmpty()) {
                host.flash(msg.get(doneKey, r.images(), r.captions()), false);
            } else {
                host.flash(msg.get("move.problems", r.images(), r.problems().size(), r.problems().get(0).file().getFileName(),
                        r.problems().get(0).message()), true);
            }
        }, e -> host.flash(msg.get("edit.failed", e.getMessage()), true));
    }
}
