package org.danlu.app.tui.screen.buckets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.danlu.app.tui.i18n.Messages;
import org.danlu.app.tui.keys.Keymap;
import org.danlu.app.tui.keys.Navigation;
import org.danlu.app.tui.screen.ScreenHost;
import org.danlu.app.tui.screen.StudioScreen;
import org.danlu.app.tui.state.Browse;
import org.danlu.app.tui.state.DatasetModel;
import org.danlu.app.tui.term.Role;
import org.danlu.app.tui.widget.BarChart;
import org.danlu.app.tui.widget.Canvas;
import org.danlu.app.tui.widget.ListPane;
import org.danlu.app.tui.widget.TableView;
import org.danlu.engine.bucket.BucketPlan;
import org.danlu.engine.bucket.BucketSummary;
import org.danlu.engine.bucket.StepPlan;

/**
 * The Buckets screen: kohya's bucket table (resolution, aspect, images, images × repeats, batches,
 * size of the last batch), a bar chart of samples per bucket, the step arithmetic, the bucket and
 * training settings editable in place with an instant recompute, and the images worth a look
 * (upscaled, heavily cropped, in under-filled batches, extreme aspect) with their file names.
 */
public final class BucketsScreen implements StudioScreen {
    private enum Pane { SETTINGS, PROBLEMS, TABLE }

    private final ScreenHost host;
    private final Messages msg;
    private final DatasetModel model;
    private final Browse browse;
    private final BucketSettingsEditor settings;
    private final Keymap settingsKeys = new Keymap();
    private final Keymap listKeys = new Keymap();
    private final org.danlu.engine.bucket.BucketSettings initialSettings;
    private final int[] initialTraining;
    private Pane focus = Pane.SETTINGS;
    private int settingIndex;
    private int problemIndex;
    private int bucketIndex;
    private int page = 8;
    private List<ProblemImages.Problem> problems = List.of();
    private Object problemsOf;

    public BucketsScreen(ScreenHost host, DatasetModel model, Browse browse) {
        this.host = host;
        this.msg = host.messages();
        this.model = model;
        this.browse = browse;
        this.settings = new BucketSettingsEditor(model, msg);
        this.initialSettings = model.settings();
        this.initialTraining = new int[] {model.batchSize(), model.epochs(), model.gradAccum()};
        Navigation.add(settingsKeys, d -> settingIndex = clamp(settingIndex + d, BucketSettingsEditor.COUNT), () -> page);
        settingsKeys.add("Enter e", "key.editValue", true, this::askValue)
                .add("+ =", "key.increase", true, () -> adjust(1))
                .add("-", "key.decrease", true, () -> adjust(-1));
        Navigation.add(listKeys, this::moveList, () -> page);
        listKeys.add("Enter", "key.showImage", true, this::showImage)
                .add("m", "key.markProblem", true, this::markAlike);
        for (Keymap k : List.of(settingsKeys, listKeys)) {
            k.add("Right l", "key.nextPane", false, () -> focus = Pane.values()[(focus.ordinal() + 1) % 3])
                    .add("Left h", "key.prevPane", false, () -> focus = Pane.values()[(focus.ordinal() + 2) % 3]);
        }
    }

    @Override
    public String titleKey() {
        return "screen.buckets";
    }

    @Override
    public Keymap keymap() {
        return focus == Pane.SETTINGS ? settingsKeys : listKeys;
    }

    /**
     * Settings tried here are not written anywhere yet (the training config comes with the Params
     * screen), so quitting after changing them asks first.
     */
    @Override
    public boolean hasUnsaved() {
        return !model.settings().equals(initialSettings) || model.batchSize() != initialTraining[0]
                || model.epochs() != initialTraining[1] || model.gradAccum() != initialTraining[2];
    }

    @Override
    public String status() {
        BucketPlan p = model.plan();
        if (p == null) {
            return model.planError().isEmpty() ? msg.get("dataset.loadingShort") : model.planError();
        }
        String s = msg.get("buckets.status", p.buckets().size(), p.numTrainImages(), p.batchesPerEpoch(),
                String.format(java.util.Locale.ROOT, "%.3f", p.meanArError()));
        return model.reading().map(r -> msg.get("buckets.partial", r.imagesRead(), r.imagesTotal()) + "  " + s).orElse(s);
    }

    private static int clamp(int i, int n) {
        return Math.max(0, Math.min(i, n - 1));
    }

    private void moveList(int d) {
        if (focus == Pane.PROBLEMS) {
            problemIndex = clamp(problemIndex + d, problems.size());
        } else {
            bucketIndex = clamp(bucketIndex + d, model.plan() == null ? 0 : model.plan().buckets().size());
        }
    }

    private void adjust(int sign) {
        String err = settings.adjust(settingIndex, sign);
        if (!err.isEmpty()) {
            host.flash(err, true);
        }
    }

    private void askValue() {
        host.prompt(settings.label(settingIndex) + ": ", settings.value(settingIndex), t -> {
            String err = settings.set(settingIndex, t.trim());
            if (!err.isEmpty()) {
                host.flash(err, true);
            }
        });
    }

    /**
     * Marks every image with the selected problem (all upscaled ones, say), or every image of the selected bucket,
     * for a bulk edit or {@code :exclude} on the Dataset screen.
     */
    private void markAlike() {
        List<String> keys;
        if (focus == Pane.PROBLEMS && problemIndex < problems.size()) {
            String reason = problems.get(problemIndex).reasonKey();
            keys = problems.stream().filter(p -> p.reasonKey().equals(reason)).map(ProblemImages.Problem::key).toList();
        } else if (focus == Pane.TABLE && model.plan() != null && bucketIndex < model.plan().buckets().size()) {
            keys = model.plan().buckets().get(bucketIndex).keys();
        } else {
            return;
        }
        browse.mark(keys.stream().map(Path::of).toList());
        host.flash(msg.get("buckets.marked", keys.size(), browse.markedCount()), false);
    }

    private void showImage() {
        if (focus == Pane.PROBLEMS && problemIndex < problems.size()) {
            browse.reveal(Path.of(problems.get(problemIndex).key()));
            host.show(0);
        } else if (focus == Pane.TABLE && model.plan() != null && bucketIndex < model.plan().buckets().size()) {
            List<String> keys = model.plan().buckets().get(bucketIndex).keys();
            if (!keys.isEmpty()) {
                browse.reveal(Path.of(keys.get(0)));
                host.show(0);
            }
        }
    }

    @Override
    public void draw(Canvas body) {
        body.fill(Role.BODY);
        refreshProblems();
        int w = body.width();
        int lw = Math.max(40, w / 2);
        int rw = w - lw - 1;
        int h = body.height();
        int tableH = Math.max(6, h * 55 / 100);
        page = Math.max(1, tableH - 3);
        TableView.draw(body.sub(0, 0, lw, tableH), tableModel());
        BarChart.draw(body.sub(0, tableH, lw, h - tableH), chartModel());
        body.vline(lw, Role.BORDER);
        Canvas right = body.sub(lw + 1, 0, rw, h);
        int settingsRows = BucketSettingsEditor.COUNT + 1;
        ListPane.draw(right.sub(0, 0, rw, settingsRows), settingsModel(rw));
        int row = settingsRows;
        for (String l : stepLines()) {
            right.line(row++, l, Role.OK);
        }
        ListPane.draw(right.sub(0, row, rw, h - row), problemsModel());
    }

    private TableView.Model tableModel() {
        List<TableView.Row> rows = new ArrayList<>();
        BucketPlan p = model.plan();
        if (p != null) {
            for (BucketSummary b : p.buckets()) {
                boolean partial = b.partialLastBatch(p.batchSize());
                rows.add(new TableView.Row(List.of(b.resolution().width() + "x" + b.resolution().height(),
                        String.format(java.util.Locale.ROOT, "%.2f", b.aspectRatio()), String.valueOf(b.images()),
                        String.valueOf(b.samples()), String.valueOf(b.batches()),
                        partial ? String.valueOf(b.lastBatchSize()) : "-"), partial ? Role.WARN : Role.BODY));
            }
        }
        return new TableView.Model(msg.get("buckets.title"), List.of(
                TableView.Column.left(msg.get("buckets.reso"), 0), TableView.Column.right(msg.get("buckets.aspect"), 5),
                TableView.Column.right(msg.get("buckets.images"), 5), TableView.Column.right(msg.get("buckets.samples"), 6),
                TableView.Column.right(msg.get("buckets.batches"), 5), TableView.Column.right(msg.get("buckets.last"), 5)),
                rows, focus == Pane.TABLE ? bucketIndex : -1, focus == Pane.TABLE,
                model.planError().isEmpty() ? msg.get("buckets.none") : model.planError());
    }

    private BarChart.Model chartModel() {
        List<BarChart.Bar> bars = new ArrayList<>();
        BucketPlan p = model.plan();
        if (p != null) {
            for (BucketSummary b : p.buckets()) {
                bars.add(new BarChart.Bar(b.resolution().width() + "x" + b.resolution().height(), b.samples(),
                        String.valueOf(b.samples())));
            }
        }
        return new BarChart.Model(msg.get("buckets.chart"), bars, 9);
    }

    private ListPane.Model settingsModel(int width) {
        List<ListPane.Item> items = new ArrayList<>();
        for (int i = 0; i < BucketSettingsEditor.COUNT; i++) {
            items.add(new ListPane.Item(org.danlu.app.tui.text.DisplayWidth.fit(settings.label(i), width - 12)
                    + " " + settings.value(i)));
        }
        return new ListPane.Model(msg.get("buckets.settings"), items, settingIndex, focus == Pane.SETTINGS, "");
    }

    private List<String> stepLines() {
        StepPlan s = model.steps();
        if (s == null) {
            return List.of(msg.get("buckets.noSteps"));
        }
        return List.of(msg.get("buckets.perEpoch", s.batchesPerEpoch(), s.gradientAccumulationSteps()),
                msg.get("buckets.epochs", s.updateStepsPerEpoch(), s.numEpochs()),
                msg.get("buckets.total", s.maxTrainSteps()));
    }

    private void refreshProblems() {
        if (model.plan() != problemsOf) {
            problemsOf = model.plan();
            problems = model.plan() == null ? List.of() : ProblemImages.of(model.plan());
            problemIndex = clamp(problemIndex, problems.size());
        }
    }

    private ListPane.Model problemsModel() {
        List<ListPane.Item> items = new ArrayList<>();
        for (ProblemImages.Problem p : problems) {
            items.add(new ListPane.Item(p.mark() + " " + Path.of(p.key()).getFileName() + "  " + msg.get(p.reasonKey()), Role.WARN));
        }
        return new ListPane.Model(msg.get("buckets.problems", problems.size()), items,
                focus == Pane.PROBLEMS ? problemIndex : -1, focus == Pane.PROBLEMS, msg.get("buckets.noProblems"));
    }
}
