package org.danlu.app.tui.screen.dataset;

import java.nio.file.Path;
import java.util.List;
import org.danlu.app.tui.i18n.Messages;
import org.danlu.app.tui.image.Preview;
import org.danlu.app.tui.screen.ScreenHost;
import org.danlu.app.tui.state.DatasetModel;
import org.danlu.app.tui.term.Role;
import org.danlu.app.tui.text.DisplayWidth;
import org.danlu.app.tui.widget.Canvas;
import org.danlu.app.tui.widget.HalfBlockImage;
import org.danlu.engine.bucket.ImagePlan;
import org.danlu.engine.dataset.Finding;
import org.danlu.engine.dataset.ImageEntry;

/**
 * The right pane of the Dataset screen: the half-block preview (requested from the preview loader
 * and drawn when it arrives; a placeholder until then or with the reason it failed), the size and
 * bucket, the caption wrapped by columns, and the image's lint findings.
 */
final class PreviewPane {
    private final ScreenHost host;
    private final Messages msg;
    private final DatasetModel model;
    private Path shownPath;
    private int shownCols;
    private int shownRows;
    private Preview shown;

    PreviewPane(ScreenHost host, DatasetModel model) {
        this.host = host;
        this.msg = host.messages();
        this.model = model;
    }

    void draw(Canvas c, ImageEntry e) {
        draw(c, e, 55);
    }

    /** With the image taking {@code imagePercent} of the pane's rows (the zoomed view gives it most of the screen). */
    void draw(Canvas c, ImageEntry e, int imagePercent) {
        c.fill(Role.BODY);
        if (e == null) {
            c.text(1, 0, msg.get("preview.nothing"), Role.DIM);
            return;
        }
        int imgRows = Math.max(4, c.height() * imagePercent / 100);
        Canvas img = c.sub(0, 0, c.width(), imgRows);
        Preview p = previewFor(e, img.width(), img.height());
        if (p == null) {
            img.text(1, img.height() / 2, msg.get("preview.loading"), Role.DIM);
        } else if (!p.ok()) {
            img.text(1, img.height() / 2 - 1, msg.get("preview.failed"), Role.ERROR);
            List<String> why = DisplayWidth.wrap(p.error(), img.width() - 2);
            for (int i = 0; i < why.size() && i < img.height() / 2; i++) {
                img.text(1, img.height() / 2 + i, why.get(i), Role.DIM);
            }
        } else {
            HalfBlockImage.draw(img, p.grid());
        }
        int row = imgRows;
        c.line(row++, info(e), Role.HEADER);
        String caption = e.hasCaption() ? e.caption().text() : msg.get("preview.noCaption");
        Role capRole = e.hasCaption() && !e.tags().isEmpty() ? Role.BODY : Role.WARN;
        List<String> lines = DisplayWidth.wrap(caption.isEmpty() ? msg.get("preview.emptyCaption") : caption, c.width());
        for (String l : lines) {
            if (row >= c.height()) {
                return;
            }
            c.line(row++, l, capRole);
        }
        for (Finding f : model.findingsFor(e)) {
            if (row >= c.height()) {
                return;
            }
            c.line(row++, "! " + f.message(), Role.WARN);
        }
    }

    private String info(ImageEntry e) {
        ImagePlan p = model.placement(e);
        String size = e.width() + "x" + e.height() + (e.rotated() ? " ⟳" : "");
        if (p == null || p.placement() == null) {
            return size;
        }
        return size + " → " + p.placement().bucket().width() + "x" + p.placement().bucket().height()
                + (p.placement().upscaled() ? " ↑" : "");
    }

    /** The preview for this image at this size: cached, or requested (null until it arrives). */
    private Preview previewFor(ImageEntry e, int cols, int rows) {
        if (e.path().equals(shownPath) && cols == shownCols && rows == shownRows) {
            return shown;
        }
        Preview cached = host.previews().cached(e.path(), cols, rows);
        shownPath = e.path();
        shownCols = cols;
        shownRows = rows;
        shown = cached;
        if (cached == null) {
            Path want = e.path();
            host.previews().request(want, e.orientation(), cols, rows, p -> {
                if (want.equals(shownPath)) {
                    shown = p;
                }
            });
        }
        return shown;
    }
}
