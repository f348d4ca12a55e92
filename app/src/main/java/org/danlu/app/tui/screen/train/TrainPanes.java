package org.danlu.app.tui.screen.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.danlu.app.tui.i18n.Messages;
import org.danlu.app.tui.image.Preview;
import org.danlu.app.tui.term.Role;
import org.danlu.app.tui.text.DisplayWidth;
import org.danlu.app.tui.widget.BarChart;
import org.danlu.app.tui.widget.Canvas;
import org.danlu.app.tui.widget.HalfBlockImage;
import org.danlu.app.tui.widget.LineChart;
import org.danlu.engine.run.ProgressLine;
import org.danlu.engine.run.RunStatus;
import org.danlu.engine.run.RunSummary;

/**
 * The Train screen's panes drawn from a {@link RunHistory}: header, progress bar, loss and learning
 * rate charts, GPU panel, latest sample, saved files and the log tail. Pure drawing; the screen
 * decides where each pane goes.
 */
final class TrainPanes {
    /** EMA weight of the smoothed loss (TensorBoard's default slider position is 0.6-0.9). */
    static final double SMOOTHING = 0.9;

    private TrainPanes() {
    }

    static Role statusRole(RunStatus s) {
        return switch (s) {
            case DONE -> Role.OK;
            case FAILED -> Role.ERROR;
            case PAUSED, STOPPED -> Role.WARN;
            default -> Role.HEADER;
        };
    }

    /** Row 0: name, status, epoch, step, device. */
    static void header(Canvas c, RunHistory h, Messages msg) {
        c.fill(Role.BODY);
        RunSummary s = h.summary();
        int col = c.text(0, 0, s.nameOr(h.run().id()) + "  ", Role.HEADER);
        col += c.text(col, 0, msg.get("run.status." + s.status().label()), statusRole(s.status()));
        String rest = "  " + msg.get("train.epoch", String.valueOf(Math.max(0, s.epoch())), s.epochs() > 0 ? String.valueOf(s.epochs()) : "?")
                + "  " + msg.get("train.step", String.valueOf(s.step()), s.totalSteps() > 0 ? String.valueOf(s.totalSteps()) : "?");
        if (h.start() != null) {
            rest += "  " + h.start().device() + " " + h.start().dtype();
        }
        c.text(col, 0, rest, Role.BODY);
    }

    /** Row 1: a bar in eighth cells, percent, ETA (or elapsed), speed, losses. */
    static void progress(Canvas c, RunHistory h, Messages msg, long now) {
        c.fill(Role.BODY);
        RunSummary s = h.summary();
        int pct = s.totalSteps() > 0 ? (int) Math.min(100, 100L * s.step() / s.totalSteps()) : 0;
        long eta = s.etaMillis();
        String tail = String.format(Locale.ROOT, " %3d%%  ", pct)
                + (eta >= 0 ? msg.get("train.eta", ProgressLine.duration(eta))
                : msg.get("train.elapsed", ProgressLine.duration(s.durationMillis(now))))
                + "  " + ProgressLine.speed(s.secondsPerStep())
                + "  " + msg.get("train.loss", ProgressLine.number(s.lastLoss()), ProgressLine.number(s.avgLoss()));
        int barWidth = Math.max(10, Math.min(40, c.width() - DisplayWidth.of(tail) - 2));
        c.text(0, 0, "▕", Role.BORDER);
        c.text(1, 0, BarChart.bar(s.step(), Math.max(1, s.totalSteps()), barWidth), Role.BAR);
        c.text(1 + barWidth, 0, "▏", Role.BORDER);
        c.text(2 + barWidth, 0, tail, Role.BODY);
    }

    static void lossChart(Canvas c, RunHistory h, Messages msg) {
        int n = h.stepCount();
        double[] smooth = RunHistory.smooth(h.loss(), n, SMOOTHING);
        LineChart.draw(c, new LineChart.Model(msg.get("train.lossChart"), List.of(
                new LineChart.Series(msg.get("train.raw"), h.steps(), h.loss(), n, Role.DIM),
                new LineChart.Series(msg.get("train.smoothed"), h.steps(), smooth, n, Role.OK)),
                msg.get("train.noSteps")));
    }

    static void lrChart(Canvas c, RunHistory h, Messages msg) {
        int n = h.stepCount();
        List<String> groups = h.lrGroups();
        List<LineChart.Series> series = new ArrayList<>();
        if (groups.size() > 1) {
            series.add(new LineChart.Series(groups.get(1), h.steps(), h.lr2(), n, Role.WARN));
        }
        series.add(new LineChart.Series(groups.isEmpty() ? "" : groups.get(0), h.steps(), h.lr(), n, Role.BAR));
        LineChart.draw(c, new LineChart.Model(msg.get("train.lrChart"), series, msg.get("train.noSteps")));
    }

    static void gpu(Canvas c, GpuProbe.Reading r, RunHistory h, Messages msg) {
        c.fill(Role.BODY);
        c.line(0, msg.get("train.gpu"), Role.HEADER);
        int row = 1;
        if (r != null && !r.gpus().isEmpty()) {
            for (int i = 0; i < r.gpus().size() && row < c.height(); i++, row++) {
                GpuProbe.Gpu g = r.gpus().get(i);
                c.text(0, row, msg.get("train.gpuLine", i, g.utilization(), gib(g.memoryUsedMiB() * (1L << 20)),
                        gib(g.memoryTotalMiB() * (1L << 20)), g.temperature()), Role.BODY);
            }
            return;
        }
        if (h.memoryBytes() != null && row < c.height()) {
            c.text(0, row++, msg.get("train.trainerMemory", gib(h.memoryBytes())), Role.BODY);
        }
        if (r != null && r.processBytes() != null && row < c.height()) {
            c.text(0, row++, msg.get("train.processMemory", gib(r.processBytes())), Role.BODY);
        }
        if (row == 1) {
            c.text(0, row, r != null && r.problem() != null ? r.problem() : msg.get("train.noGpu"), Role.DIM);
        }
    }

    static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / (double) (1L << 30));
    }

    /** The latest sample: its prompt line, then the picture (or why there is none). */
    static void sample(Canvas c, RunHistory.Sample s, int number, int count, Preview p, Messages msg) {
        c.fill(Role.BODY);
        if (s == null) {
            c.line(0, msg.get("train.samples"), Role.HEADER);
            c.text(0, 1, msg.get("train.noSamples"), Role.DIM);
            return;
        }
        String which = count > 1 ? number + "/" + count + " " : "";
        String title = which + msg.get("train.sampleAt", s.step() == null ? "?" : String.valueOf(s.step())) + " "
                + nullToEmpty(s.prompt());
        c.line(0, title, Role.HEADER);
        Canvas img = c.sub(0, 1, c.width(), c.height() - 1);
        if (p == null) {
            img.text(0, 0, msg.get("train.loadingSample"), Role.DIM);
        } else if (!p.ok()) {
            img.text(0, 0, msg.get("train.sampleFailed", p.error()), Role.ERROR);
        } else {
            HalfBlockImage.draw(img, p.grid());
        }
    }

    static void saves(Canvas c, List<String> saves, Messages msg) {
        c.fill(Role.BODY);
        c.line(0, msg.get("train.saved", saves.size()), Role.HEADER);
        if (saves.isEmpty()) {
            c.text(0, 1, msg.get("train.noSaves"), Role.DIM);
            return;
        }
        int rows = c.height() - 1;
        List<String> last = saves.subList(Math.max(0, saves.size() - rows), saves.size());
        for (int i = 0; i < last.size(); i++) {
            // The newest at the bottom, names only: the folder is always output/.
            String name = Path.of(last.get(i)).getFileName().toString();
            c.text(0, 1 + i, name, i == last.size() - 1 ? Role.OK : Role.BODY);
        }
    }

    static void log(Canvas c, List<String> log) {
        c.fill(Role.BODY);
        int rows = c.height();
        List<String> last = log.subList(Math.max(0, log.size() - rows), log.size());
        for (int i = 0; i < last.size(); i++) {
            String l = last.get(i);
            Role role = l.contains("error") || l.contains("failed") ? Role.ERROR
                    : l.contains("warn") ? Role.WARN : Role.DIM;
            c.text(0, i, l, role);
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
