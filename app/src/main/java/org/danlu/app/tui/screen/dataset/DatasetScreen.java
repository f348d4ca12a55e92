package org.danlu.app.tui.screen.dataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.danlu.app.tui.i18n.Messages;
import org.danlu.app.tui.keys.Keymap;
import org.danlu.app.tui.keys.Navigation;
import org.danlu.app.tui.screen.ScreenHost;
import org.danlu.app.tui.screen.StudioScreen;
import org.danlu.app.tui.state.Browse;
import org.danlu.app.tui.state.DatasetModel;
import org.danlu.app.console.Completion;
import org.danlu.app.console.ImageFilter;
import org.danlu.app.tui.term.Role;
import org.danlu.app.tui.widget.Canvas;
import org.danlu.app.tui.widget.ListPane;
import org.danlu.app.tui.widget.TableView;
import org.danlu.engine.bucket.ImagePlan;
import org.danlu.engine.bucket.StepPlan;
import org.danlu.engine.dataset.DatasetFolder;
import org.danlu.engine.dataset.FolderName;
import org.danlu.engine.dataset.ImageEntry;

/**
 * The Dataset screen: folders on the left (repeats, class tokens, captioned/images), the images of
 * the selected folder in the middle (name, size, caption and lint marks; sortable, {@code /}
 * filterable), and the selected image's preview and caption on the right. A folder can be renamed
 * kohya-style ({@code 20_shs dog}) with the step totals shown live while typing.
 */
public final class DatasetScreen implements StudioScreen {
    private final ScreenHost host;
    private final Messages msg;
    private final DatasetModel model;
    private final Browse browse;
    private final PreviewPane preview;
    private final Keymap keys = new Keymap();
    private boolean foldersFocused;
    /** The preview over the whole screen; the arrows still walk the image list. */
    private boolean zoomed;
    private Object countsOf;
    private long captioned;
    private final java.util.Map<String, Long> captionedByFolder = new java.util.HashMap<>();
    private int page = 10;

    public DatasetScreen(ScreenHost host, DatasetModel model, Browse browse) {
        this.host = host;
        this.msg = host.messages();
        this.model = model;
        this.browse = browse;
        this.preview = new PreviewPane(host, model);
        Navigation.add(keys, this::move, () -> page);
        keys.add("Left h", "key.folders", false, () -> foldersFocused = true)
                .add("Right l", "key.images", false, () -> foldersFocused = false)
                .add("Enter", "key.open", true, this::enter)
                .add("/", "key.filter", true, this::askFilter)
                .add("s", "key.sort", true, () -> browse.setSort(browse.sort().next()))
                .add("r", "key.renameFolder", true, this::askRename)
                .add("Space", "key.mark", true, this::mark)
                .add("z", "key.zoom", true, this::toggleZoom)
                .add("*", "key.markAll", false, browse::toggleMarkVisible)
                .add("Esc", "key.unmarkAll", false, browse::clearMarks)
                .add("F5 R", "key.rescan", false, this::rescan);
    }

    @Override
    public String titleKey() {
        return "screen.dataset";
    }

    @Override
    public Keymap keymap() {
        return keys;
    }

    @Override
    public String status() {
        if (!model.loadError().isEmpty()) {
            return model.loadError();
        }
        if (!model.loaded()) {
            return msg.get("dataset.loading", model.root());
        }
        if (model.reading().isPresent()) {
            return msg.get("dataset.reading", model.reading().get().imagesRead(), model.reading().get().imagesTotal());
        }
        refreshCounts();
        String s = msg.get("dataset.status", browse.visible().size(), model.scan().imageCount(),
                captioned, msg.get(browse.sort().labelKey()));
        if (browse.markedCount() > 0) {
            s = msg.get("dataset.marked", browse.markedCount()) + "  " + s;
        }
        int aside = model.scan().folders().stream().mapToInt(DatasetFolder::setAside).sum();
        if (aside > 0) {
            s = s + "  " + msg.get("dataset.setAside", aside);
        }
        return browse.filter().isEmpty() ? s : "/" + browse.filter().text() + "  " + s;
    }

    private void move(int delta) {
        if (foldersFocused) {
            browse.selectFolder(browse.folderIndex() + delta);
        } else {
            browse.selectImage(Math.max(0, browse.selectedIndex()) + delta);
        }
    }

    private void toggleZoom() {
        zoomed = !zoomed;
        foldersFocused = false;
    }

    /** Marks the image for bulk edits (or unmarks it) and moves on, so Space Space Space marks a run. */
    private void mark() {
        if (!foldersFocused) {
            browse.toggleMark();
            browse.selectImage(browse.selectedIndex() + 1);
        }
    }

    private void enter() {
        if (foldersFocused) {
            foldersFocused = false;
        } else if (browse.selectedImage() != null) {
            host.show(1);
        }
    }

    private void askFilter() {
        host.prompt("/", browse.filter().text(), t -> "", t -> Completion.filter(t, model.tagsByFrequency()), t -> {
            browse.setFilter(new ImageFilter(t.trim()));
            foldersFocused = false;
        });
    }

    private void rescan() {
        host.store().load(() -> new org.danlu.engine.dataset.DatasetScanner().scan(model.root()),
                model::setScan, e -> host.flash(String.valueOf(e.getMessage()), true));
        host.flash(msg.get("dataset.rescanning"), false);
    }

    private void askRename() {
        DatasetFolder f = browse.currentFolder();
        if (f == null) {
            host.flash(msg.get("folder.pickOne"), true);
            return;
        }
        if (model.reading().isPresent()) {
            // The opening scan, finishing after the rename, would show the old folder name.
            host.flash(msg.get("edit.waitForScan", model.reading().get().imagesRead(), model.reading().get().imagesTotal()), true);
            return;
        }
        host.prompt(msg.get("folder.renameLead"), f.folderName(), t -> liveSteps(f, t), t -> confirmRename(f, t));
    }

    /** The step totals the dataset would have with this folder name: shown while typing. */
    private String liveSteps(DatasetFolder f, String typed) {
        var parsed = FolderName.parse(typed.trim());
        if (parsed.isEmpty()) {
            return FolderName.skipReason(typed.trim()).orElse("");
        }
        StepPlan s = model.stepsWithRepeats(Map.of(f.folderName(), parsed.get().repeats()));
        return s == null ? "" : msg.get("folder.liveSteps", s.batchesPerEpoch(), s.maxTrainSteps());
    }

    private void confirmRename(DatasetFolder f, String typed) {
        String name = typed.trim();
        if (name.equals(f.folderName())) {
            return;
        }
        if (FolderName.parse(name).isEmpty() || name.contains("/") || name.contains("\\")) {
            host.flash(msg.get("folder.badName", name, FolderName.skipReason(name).orElse("")), true);
            return;
        }
        Path target = f.dir().resolveSibling(name);
        if (Files.exists(target)) {
            host.flash(msg.get("folder.exists", name), true);
            return;
        }
        host.confirm(msg.get("folder.renameTitle"), List.of(msg.get("folder.renameLine", f.folderName(), name),
                msg.get("folder.renameCount", f.images().size())), false, () -> rename(f.dir(), target));
    }

    private void rename(Path from, Path to) {
        host.store().write(() -> {
            Files.move(from, to);
            return new org.danlu.engine.dataset.DatasetScanner().scan(model.root());
        }, scan -> {
            model.setScan(scan);
            host.flash(msg.get("folder.renamed", to.getFileName()), false);
        }, e -> host.flash(msg.get("folder.renameFailed", e.getMessage()), true));
    }

    @Override
    public void draw(Canvas body) {
        body.fill(Role.BODY);
        if (zoomed) {
            drawZoomed(body);
            return;
        }
        int w = body.width();
        int fw = Math.max(20, w * 24 / 100);
        int pw = Math.max(27, w * 34 / 100);
        int iw = w - fw - pw - 2;
        page = Math.max(1, body.height() - 3);
        ListPane.draw(body.sub(0, 0, fw, body.height()), folderModel(fw));
        body.vline(fw, Role.BORDER);
        TableView.draw(body.sub(fw + 1, 0, iw, body.height()), imageModel(iw, body.height() - 2));
        body.vline(fw + 1 + iw, Role.BORDER);
        preview.draw(body.sub(w - pw, 0, pw, body.height()), browse.selectedImage());
        if (!model.loadError().isEmpty()) {
            Canvas pane = body.sub(fw + 1, 2, iw, body.height() - 2);
            pane.fill(Role.BODY);
            int row = 0;
            for (String l : org.danlu.app.tui.text.DisplayWidth.wrap(model.loadError(), iw - 1)) {
                pane.text(1, row++, l, Role.ERROR);
            }
        }
    }

    /** One image over the whole body: its name and place in the list on top, then the large preview and caption. */
    private void drawZoomed(Canvas body) {
        page = Math.max(1, body.height() - 3);
        ImageEntry e = browse.selectedImage();
        if (e != null) {
            body.line(0, (browse.isMarked(e) ? "● " : "") + msg.get("preview.zoomTitle", e.fileName(),
                    browse.selectedIndex() + 1, browse.visible().size()), Role.HEADER);
        }
        preview.draw(body.sub(0, 1, body.width(), body.height() - 1), e, 80);
    }

    /** Caption counts walk every image; do it once per scan, not once per frame. */
    private void refreshCounts() {
        if (model.loaded() && countsOf != model.scan()) {
            countsOf = model.scan();
            captioned = model.scan().captionedCount();
            captionedByFolder.clear();
            model.scan().folders().forEach(f -> captionedByFolder.put(f.dir().toString(), f.captionedCount()));
        }
    }

    private ListPane.Model folderModel(int width) {
        refreshCounts();
        List<ListPane.Item> items = new ArrayList<>();
        for (DatasetFolder f : browse.folders()) {
            if (f == null) {
                int n = model.loaded() ? model.scan().imageCount() : 0;
                items.add(new ListPane.Item(row(msg.get("folder.all"), "", n, model.loaded() ? captioned : 0, width)));
            } else {
                String label = (f.reg() ? "reg " : "") + f.classTokens();
                items.add(new ListPane.Item(row(label, f.repeats() + "×", f.images().size(),
                        captionedByFolder.getOrDefault(f.dir().toString(), 0L), width),
                        f.images().isEmpty() ? Role.WARN : Role.BODY));
            }
        }
        return new ListPane.Model(msg.get("folder.title"), items, browse.folderIndex(), foldersFocused,
                msg.get("dataset.loadingShort"));
    }

    private static String row(String label, String repeats, int images, long captioned, int width) {
        String count = captioned + "/" + images;
        String lead = repeats.isEmpty() ? "" : repeats + " ";
        int room = width - org.danlu.app.tui.text.DisplayWidth.of(lead) - count.length() - 1;
        return lead + org.danlu.app.tui.text.DisplayWidth.fit(label, Math.max(1, room)) + " " + count;
    }

    /**
     * The image table's model for the rows that fit: only those rows are built, so a key press
     * costs the same with 10,000 images as with 10 (rows = table height minus title and header).
     */
    private TableView.Model imageModel(int width, int rowsThatFit) {
        boolean wide = width >= 44;
        List<TableView.Column> cols = new ArrayList<>();
        cols.add(TableView.Column.left(msg.get("image.name"), 0));
        cols.add(TableView.Column.right(msg.get("image.size"), 9));
        if (wide) {
            cols.add(TableView.Column.right(msg.get("image.bucket"), 9));
        }
        cols.add(TableView.Column.left(msg.get("image.marks"), 2));
        List<TableView.Row> rows = new ArrayList<>();
        List<ImageEntry> all = browse.visible();
        int selected = browse.selectedIndex();
        int top = TableView.firstVisible(selected, all.size(), rowsThatFit);
        for (ImageEntry e : all.subList(top, Math.min(all.size(), top + Math.max(0, rowsThatFit)))) {
            List<String> cells = new ArrayList<>();
            cells.add((browse.isMarked(e) ? "● " : "") + e.fileName());
            cells.add(e.width() + "x" + e.height());
            if (wide) {
                ImagePlan p = model.placement(e);
                cells.add(p == null || p.placement() == null ? "-"
                        : p.placement().bucket().width() + "x" + p.placement().bucket().height());
            }
            boolean lint = !model.findingsFor(e).isEmpty();
            cells.add((e.tags().isEmpty() ? "∅" : "✓") + (lint ? "!" : " "));
            rows.add(new TableView.Row(cells, lint ? Role.WARN : Role.BODY));
        }
        String title = msg.get("image.title", browse.visible().size(), msg.get(browse.sort().labelKey()));
        String empty = model.loaded() ? msg.get("image.none") : msg.get("dataset.loadingShort");
        return new TableView.Model(title, cols, rows, selected - top, !foldersFocused, empty);
    }

    /** For tests: whether the folder pane has focus. */
    boolean foldersFocused() {
        return foldersFocused;
    }

}
