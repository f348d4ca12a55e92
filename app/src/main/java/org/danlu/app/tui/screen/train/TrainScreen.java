package org.danlu.app.tui.screen.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.danlu.app.tui.i18n.Messages;
import org.danlu.app.tui.image.Preview;
import org.danlu.app.tui.image.PreviewLoader;
import org.danlu.app.tui.keys.Keymap;
import org.danlu.app.tui.screen.ScreenHost;
import org.danlu.app.tui.screen.StudioScreen;
import org.danlu.app.tui.term.Role;
import org.danlu.app.tui.text.DisplayWidth;
import org.danlu.app.tui.widget.Canvas;
import org.danlu.engine.run.Control;
import org.danlu.engine.run.ControlCommand;
import org.danlu.engine.run.ProcessId;
import org.danlu.engine.run.RunDir;
import org.danlu.engine.run.RunStatus;
import org.danlu.engine.run.RunWatch;
import org.danlu.engine.run.TrainerLock;

/**
 * The Train screen: one run's monitor. Attaching replays the run's whole history (a
 * {@link RunFeed} reads {@code events.jsonl} from the start), then follows it live. Keys send
 * control commands as files in the run's {@code control/} folder; detaching only stops watching,
 * the trainer keeps going.
 */
public final class TrainScreen implements StudioScreen, AutoCloseable {
    private final ScreenHost host;
    private final Messages msg;
    private final Path workspace;
    private final Runnable toRuns;
    private final Keymap keys = new Keymap();
    private final GpuProbe probe = new GpuProbe();
    private RunFeed feed;
    private GpuProbe.Reading gpu;
    private Path previewPath;
    private int previewCols;
    private int previewRows;
    private Preview preview;
    private int changes;
    /** Which sample is shown, counted back from the newest (0 = the newest). */
    private int sampleBack;

    /** @param toRuns switches to the Runs screen (after a detach) */
    public TrainScreen(ScreenHost host, Path workspace, Runnable toRuns) {
        this.host = host;
        this.msg = host.messages();
        this.workspace = workspace;
        this.toRuns = toRuns;
        keys.add("p", "key.train.pause", true, this::pauseOrResume)
                .add("s", "key.train.save", true, () -> send(ControlCommand.SAVE, "train.sent.save"))
                .add("m", "key.train.sample", true, () -> send(ControlCommand.SAMPLE, "train.sent.sample"))
                .add("x", "key.train.stop", true, this::askStop)
                .add("d", "key.train.detach", true, this::detach)
                .add("[", "key.train.olderSample", false, () -> browseSamples(1))
                .add("]", "key.train.newerSample", false, () -> browseSamples(-1));
    }

    /** Starts watching {@code run} (replacing the run watched before); its history replays at once. */
    public void attach(RunDir run) {
        closeFeed();
        feed = new RunFeed(run, host.store(), () -> changes++);
        preview = null;
        previewPath = null;
        gpu = null;
        sampleBack = 0;
        probe.start(() -> trainerPid(run), r -> host.store().post(() -> gpu = r));
    }

    /** The run being watched, if any. */
    public Optional<RunDir> attached() {
        return feed == null ? Optional.empty() : Optional.of(feed.history().run());
    }

    /** The watched run's history (tests read it); empty when detached. */
    public Optional<RunHistory> history() {
        return feed == null ? Optional.empty() : Optional.of(feed.history());
    }

    /** How many event batches have been folded in (one repaint each at most). */
    public int changes() {
        return changes;
    }

    private static Optional<Long> trainerPid(RunDir run) {
        try {
            return TrainerLock.liveOwner(run).map(ProcessId::pid);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void detach() {
        if (feed != null) {
            host.flash(msg.get("train.detached", feed.history().run().id()), false);
        }
        closeFeed();
        toRuns.run();
    }

    private void closeFeed() {
        probe.stop();
        if (feed != null) {
            feed.close();
            feed = null;
        }
    }

    // ---- control

    private boolean live() {
        if (feed == null) {
            host.flash(msg.get("train.noRun"), true);
            return false;
        }
        if (feed.history().summary().status().isFinished()) {
            host.flash(msg.get("train.ended", msg.get("run.status." + feed.history().summary().status().label())), true);
            return false;
        }
        return true;
    }

    private void pauseOrResume() {
        if (!live()) {
            return;
        }
        if (feed.history().summary().status() == RunStatus.PAUSED) {
            send(ControlCommand.RESUME, "train.sent.resume");
        } else {
            send(ControlCommand.PAUSE, "train.sent.pause");
        }
    }

    private void askStop() {
        if (!live()) {
            return;
        }
        RunDir run = feed.history().run();
        host.confirm(msg.get("train.stopTitle"), List.of(msg.get("train.stopLine1", run.id()),
                msg.get("train.stopLine2")), true, () -> send(ControlCommand.STOP, "train.sent.stop"));
    }

    private void send(ControlCommand cmd, String sentKey) {
        if (!live()) {
            return;
        }
        RunDir run = feed.history().run();
        host.store().load(() -> new Control(run).send(cmd),
                file -> host.flash(msg.get(sentKey), false),
                e -> host.flash(msg.get("train.sendFailed", cmd.wire(), e.getMessage()), true));
    }

    // ---- StudioScreen

    @Override
    public String titleKey() {
        return "screen.train";
    }

    @Override
    public Keymap keymap() {
        return keys;
    }

    @Override
    public String status() {
        if (feed == null) {
            return msg.get("train.noRun");
        }
        return feed.history().run().id();
    }

    /** Nothing watched yet: pick up the newest run that is still training, if there is one. */
    @Override
    public void shown() {
        if (feed != null) {
            return;
        }
        host.store().load(() -> {
            List<RunDir> runs = RunDir.list(workspace);
            for (int i = runs.size() - 1; i >= 0; i--) {
                if (RunWatch.trainerAlive(runs.get(i))) {
                    return Optional.of(runs.get(i));
                }
            }
            return Optional.<RunDir>empty();
        }, found -> found.ifPresent(r -> {
            if (feed == null) {
                attach(r);
            }
        }), e -> host.flash(e.getMessage(), true));
    }

    @Override
    public void draw(Canvas body) {
        body.fill(Role.BODY);
        if (feed == null) {
            drawEmpty(body);
            return;
        }
        RunHistory h = feed.history();
        int w = body.width();
        int hgt = body.height();
        TrainPanes.header(body.sub(0, 0, w, 1), h, msg);
        TrainPanes.progress(body.sub(0, 1, w, 1), h, msg, System.currentTimeMillis());
        // A failed run is read from its log: give the log (with the end of trainer.log) half the screen.
        boolean failed = h.summary().status() == RunStatus.FAILED;
        int logRows = failed ? (hgt - 2) / 2 : Math.max(3, (hgt - 2) / 5);
        int mid = hgt - 2 - logRows;
        int leftW = w * 62 / 100;
        int rightW = w - leftW - 1;
        int lossRows = Math.max(5, mid * 2 / 3);
        TrainPanes.lossChart(body.sub(0, 2, leftW, lossRows), h, msg);
        TrainPanes.lrChart(body.sub(0, 2 + lossRows, leftW, mid - lossRows), h, msg);
        body.sub(leftW, 2, 1, mid).vline(0, Role.BORDER);
        int gpuRows = 3;
        int savesRows = Math.max(3, Math.min(6, mid / 4));
        int sampleRows = mid - gpuRows - savesRows;
        TrainPanes.gpu(body.sub(leftW + 1, 2, rightW, gpuRows), gpu, h, msg);
        drawSample(body.sub(leftW + 1, 2 + gpuRows, rightW, sampleRows), h);
        TrainPanes.saves(body.sub(leftW + 1, 2 + gpuRows + sampleRows, rightW, savesRows), h.saves(), msg);
        body.sub(0, 2 + mid, w, 1).text(0, 0, "─".repeat(w), Role.BORDER);
        TrainPanes.log(body.sub(0, 3 + mid, w, logRows - 1), h.log());
    }

    private void browseSamples(int by) {
        int n = feed == null ? 0 : feed.history().samples().size();
        sampleBack = Math.max(0, Math.min(Math.max(0, n - 1), sampleBack + by));
    }

    private void drawSample(Canvas c, RunHistory h) {
        List<RunHistory.Sample> samples = h.samples();
        int index = samples.size() - 1 - Math.min(sampleBack, Math.max(0, samples.size() - 1));
        RunHistory.Sample shown = samples.isEmpty() ? null : samples.get(index);
        if (shown != null) {
            requestPreview(shown.path(), c.width(), c.height() - 1);
        }
        TrainPanes.sample(c, shown, index + 1, samples.size(), preview, msg);
    }

    /** Decodes the latest sample off the GUI thread, again only when the file or the pane size changed. */
    private void requestPreview(Path path, int cols, int rows) {
        if (path.equals(previewPath) && cols == previewCols && rows == previewRows) {
            return;
        }
        previewPath = path;
        previewCols = cols;
        previewRows = rows;
        preview = null;
        host.store().preview(() -> PreviewLoader.render(path, 0, cols, Math.max(1, rows)), p -> {
            if (path.equals(previewPath) && cols == previewCols && rows == previewRows) {
                preview = p;
            }
        }, e -> preview = Preview.failed(String.valueOf(e.getMessage())));
    }

    private void drawEmpty(Canvas body) {
        String[] lines = {msg.get("train.noRun"), msg.get("train.noRunHint")};
        int top = body.height() / 2 - 1;
        for (int i = 0; i < lines.length; i++) {
            String l = DisplayWidth.truncate(lines[i], body.width());
            body.text(Math.max(0, (body.width() - DisplayWidth.of(l)) / 2), top + 2 * i, l, i == 0 ? Role.HEADER : Role.DIM);
        }
    }

    @Override
    public void close() {
        closeFeed();
        probe.close();
    }
}
