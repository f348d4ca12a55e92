package org.danlu.app.tui.screen.runs;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.danlu.app.tui.i18n.Messages;
import org.danlu.app.tui.keys.Keymap;
import org.danlu.app.tui.screen.ScreenHost;
import org.danlu.app.tui.screen.StudioScreen;
import org.danlu.app.tui.screen.train.RunHistory;
import org.danlu.app.tui.term.Role;
import org.danlu.app.tui.widget.Canvas;
import org.danlu.app.tui.widget.LineChart;
import org.danlu.app.tui.widget.TableView;
import org.danlu.engine.run.ProgressLine;
import org.danlu.engine.run.RunDir;
import org.danlu.engine.run.RunSummary;

/**
 * The Runs screen: every run in the workspace, newest first, with status and outcome; below, the
 * selected run's loss curve, or two marked runs' curves on one chart. Enter opens a run in the
 * Train screen; {@code D} deletes a run that has ended (after a confirmation; a run a trainer still
 * holds is refused, here and again by the engine). The list refreshes every few seconds while shown.
 */
public final class RunsScreen implements StudioScreen {
    private static final long REFRESH_MS = 3000;
    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    private final ScreenHost host;
    private final Messages msg;
    private final Path workspace;
    private final Consumer<RunDir> open;
    private final Keymap keys = new Keymap();
    private List<RunRow> rows = List.of();
    private final List<String> marked = new ArrayList<>();
    private final Map<String, RunCurves> curves = new HashMap<>();
    private final Set<String> curvesLoading = new HashSet<>();
    private final RunRow.Cache cache = new RunRow.Cache();
    private int selected;
    private boolean loading;
    private long loadedAt;
    private String loadError;

    /** @param open shows a run in the Train screen */
    public RunsScreen(ScreenHost host, Path workspace, Consumer<RunDir> open) {
        this.host = host;
        this.msg = host.messages();
        this.workspace = workspace;
        this.open = open;
        keys.add("Up k", "key.runs.up", false, () -> move(-1))
                .add("Down j", "key.runs.down", false, () -> move(1))
                .add("Enter", "key.runs.open", true, this::openSelected)
                .add("c", "key.runs.compare", true, this::toggleMark)
                .add("D", "key.runs.delete", true, this::askDelete)
                .add("r F5", "key.runs.refresh", true, this::refresh);
    }

    /** Reads the runs again on a worker. */
    public void refresh() {
        if (loading) {
            return;
        }
        loading = true;
        host.store().load(() -> RunRow.load(workspace, cache), loaded -> {
            loading = false;
            loadedAt = System.currentTimeMillis();
            loadError = null;
            String keep = current() == null ? null : current().run().id();
            List<RunRow> newestFirst = new ArrayList<>(loaded);
            java.util.Collections.reverse(newestFirst);
            rows = newestFirst;
            selected = 0;
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).run().id().equals(keep)) {
                    selected = i;
                }
            }
            marked.removeIf(id -> rows.stream().noneMatch(r -> r.run().id().equals(id)));
        }, e -> {
            loading = false;
            loadedAt = System.currentTimeMillis();
            loadError = e.getMessage();
        });
    }

    /** The runs as listed (newest first); tests read it. */
    public List<String> runIds() {
        return rows.stream().map(r -> r.run().id()).toList();
    }

    private RunRow current() {
        return selected >= 0 && selected < rows.size() ? rows.get(selected) : null;
    }

    private void move(int by) {
        if (!rows.isEmpty()) {
            selected = Math.max(0, Math.min(rows.size() - 1, selected + by));
        }
    }

    private void openSelected() {
        RunRow r = current();
        if (r != null) {
            open.accept(r.run());
        }
    }

    private void toggleMark() {
        RunRow r = current();
        if (r == null) {
            return;
        }
        String id = r.run().id();
        if (!marked.remove(id)) {
            marked.add(id);
            if (marked.size() > 2) {
                marked.remove(0); // comparing two: the oldest mark gives way
            }
        }
        host.flash(marked.size() == 2 ? msg.get("runs.comparing", marked.get(0), marked.get(1))
                : msg.get("runs.markOneMore"), false);
    }

    private void askDelete() {
        RunRow r = current();
        if (r == null) {
            return;
        }
        if (!r.deletable()) {
            host.flash(msg.get("runs.deleteRunning"), true);
            return;
        }
        host.confirm(msg.get("runs.deleteTitle"), List.of(msg.get("runs.deleteLine1", r.run().id()),
                msg.get("runs.deleteLine2", r.summary().savedFiles().size())), true, () -> delete(r.run()));
    }

    private void delete(RunDir run) {
        host.store().load(() -> {
            run.delete(); // refuses again if a trainer took the run since the list was read
            return run.id();
        }, id -> {
            host.flash(msg.get("runs.deleted", id), false);
            marked.remove(id);
            curves.remove(id);
            refresh();
        }, e -> host.flash(msg.get("runs.deleteFailed", e.getMessage()), true));
    }

    // ---- StudioScreen

    @Override
    public String titleKey() {
        return "screen.runs";
    }

    @Override
    public Keymap keymap() {
        return keys;
    }

    @Override
    public String status() {
        return msg.get("runs.count", rows.size(), workspace.toAbsolutePath().normalize().resolve(RunDir.RUNS));
    }

    @Override
    public void shown() {
        refresh();
    }

    @Override
    public void draw(Canvas body) {
        if (!loading && System.currentTimeMillis() - loadedAt > REFRESH_MS) {
            refresh();
        }
        body.fill(Role.BODY);
        int tableRows = Math.max(4, Math.min(rows.size() + 2, body.height() / 2));
        TableView.draw(body.sub(0, 0, body.width(), tableRows), table());
        Canvas lower = body.sub(0, tableRows, body.width(), body.height() - tableRows);
        lower.text(0, 0, "─".repeat(lower.width()), Role.BORDER);
        RunRow r = current();
        if (r != null) {
            lower.text(1, 0, " " + detail(r) + " ", TrainRoles.of(r));
        }
        LineChart.draw(lower.sub(0, 1, lower.width(), lower.height() - 1), chart());
    }

    private TableView.Model table() {
        List<TableView.Column> cols = List.of(TableView.Column.left("", 1),
                TableView.Column.left(msg.get("runs.col.name"), 0), TableView.Column.left(msg.get("runs.col.status"), 8),
                TableView.Column.right(msg.get("runs.col.step"), 11), TableView.Column.right(msg.get("runs.col.loss"), 7),
                TableView.Column.left(msg.get("runs.col.started"), 11), TableView.Column.right(msg.get("runs.col.time"), 8));
        long now = System.currentTimeMillis();
        List<TableView.Row> out = new ArrayList<>();
        for (RunRow r : rows) {
            RunSummary s = r.summary();
            int mark = marked.indexOf(r.run().id());
            out.add(new TableView.Row(List.of(mark < 0 ? " " : mark == 0 ? "◆" : "◇", r.run().id(),
                    msg.get("run.status." + s.status().label()),
                    s.step() + "/" + (s.totalSteps() > 0 ? s.totalSteps() : "?"),
                    ProgressLine.number(s.lastLoss()),
                    s.startedMillis() == 0 ? "-" : STARTED.format(Instant.ofEpochMilli(s.startedMillis()).atZone(ZoneId.systemDefault())),
                    s.startedMillis() == 0 ? "-" : ProgressLine.duration(s.durationMillis(now))), TrainRoles.of(r)));
        }
        String empty = loadError != null ? loadError : loading && rows.isEmpty() ? msg.get("runs.loading") : msg.get("runs.none");
        return new TableView.Model("", cols, out, rows.isEmpty() ? -1 : selected, true, empty);
    }

    /** The selected run's outcome in words: why it ended, what it saved. */
    private String detail(RunRow r) {
        RunSummary s = r.summary();
        String outcome = s.endReason() != null ? s.endReason() : s.lastError() != null ? s.lastError() : "";
        return msg.get("runs.detail", r.run().id(), s.savedFiles().size()) + (outcome.isEmpty() ? "" : " · " + outcome);
    }

    private LineChart.Model chart() {
        List<LineChart.Series> series = new ArrayList<>();
        if (marked.size() == 2) {
            Role[] roles = {Role.OK, Role.WARN};
            for (int i = 0; i < 2; i++) {
                RunCurves c = curvesOf(marked.get(i));
                if (c != null) {
                    double[] smooth = RunHistory.smooth(c.loss(), c.count(), 0.9);
                    series.add(new LineChart.Series(c.runId(), c.steps(), smooth, c.count(), roles[i]));
                }
            }
            return new LineChart.Model(msg.get("runs.compareChart"), series, msg.get("runs.noCurve"));
        }
        RunRow r = current();
        RunCurves c = r == null ? null : curvesOf(r.run().id());
        if (c != null) {
            series.add(new LineChart.Series(msg.get("train.raw"), c.steps(), c.loss(), c.count(), Role.DIM));
            series.add(new LineChart.Series(msg.get("train.smoothed"), c.steps(),
                    RunHistory.smooth(c.loss(), c.count(), 0.9), c.count(), Role.OK));
        }
        return new LineChart.Model(msg.get("train.lossChart"), series, msg.get("runs.noCurve"));
    }

    /** The cached curve of a run, read again on a worker when the run has new events. */
    private RunCurves curvesOf(String id) {
        RunRow row = rows.stream().filter(r -> r.run().id().equals(id)).findFirst().orElse(null);
        if (row == null) {
            return null;
        }
        RunCurves c = curves.get(id);
        boolean stale = c == null || c.events() != row.summary().events();
        if (stale && curvesLoading.add(id)) {
            int events = row.summary().events();
            host.store().load(() -> RunCurves.read(row.run(), events), loaded -> {
                curvesLoading.remove(id);
                curves.put(id, loaded);
            }, e -> {
                curvesLoading.remove(id);
                host.flash(e.getMessage(), true);
            });
        }
        return c;
    }

    /** Status colours shared with the table rows. */
    private static final class TrainRoles {
        static Role of(RunRow r) {
            return switch (r.summary().status()) {
                case FAILED -> Role.ERROR;
                case RUNNING, STARTING -> Role.OK;
                case PAUSED -> Role.WARN;
                default -> Role.BODY;
            };
        }
    }
}
