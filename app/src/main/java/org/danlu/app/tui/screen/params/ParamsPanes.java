package org.danlu.app.tui.screen.params;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.danlu.app.tui.i18n.Messages;
import org.danlu.app.tui.term.Role;
import org.danlu.app.tui.text.DisplayWidth;
import org.danlu.app.tui.widget.Canvas;
import org.danlu.app.tui.widget.LineChart;
import org.danlu.app.tui.widget.TableView;
import org.danlu.engine.bucket.BucketSummary;
import org.danlu.engine.bucket.RunPlan;
import org.danlu.engine.config.ConfigIssue;
import org.danlu.engine.config.ConfigKey;
import org.danlu.engine.config.TrainConfig;

/** Drawing for the Params screen: the grouped option list and the detail pane (help, derived values, findings). */
final class ParamsPanes {
    private ParamsPanes() {
    }

    static void list(Canvas c, List<ParamRow> rows, int selected, ParamsState state, Messages msg) {
        c.fill(Role.BODY);
        int nameW = Math.min(31, c.width() - 12);
        int top = TableView.firstVisible(selected, rows.size(), c.height());
        for (int i = top, r = 0; i < rows.size() && r < c.height(); i++, r++) {
            ParamRow row = rows.get(i);
            boolean sel = i == selected;
            switch (row.kind()) {
                case START -> c.line(r, " ▶ " + msg.get("params.startRow"), sel ? Role.SELECTED : Role.OK);
                case GROUP -> c.line(r, "── " + msg.get("params.group." + row.group().name().toLowerCase(Locale.ROOT)) + " ──",
                        Role.HEADER);
                default -> {
                    ConfigKey k = row.key();
                    boolean set = state.config().isSet(k.name());
                    Role mark = markRole(state.issues(), k.name());
                    // Unset options show what the run will use: the studio's dataset, or kohya's default.
                    Object shown = set ? state.config().get(k.name()) : state.effective().get(k.name());
                    String value = shown == null ? "-" : ParamValues.show(shown);
                    String text = (mark == Role.ERROR ? "!" : mark == Role.WARN ? "~" : " ")
                            + DisplayWidth.fit(k.name(), nameW) + " " + value;
                    c.line(r, text, sel ? Role.SELECTED : mark != null ? mark : set ? Role.BODY : Role.DIM);
                }
            }
        }
    }

    private static Role markRole(List<ConfigIssue> issues, String key) {
        Role role = null;
        for (ConfigIssue i : issues) {
            if (key.equals(i.key())) {
                if (i.isError()) {
                    return Role.ERROR;
                }
                role = Role.WARN;
            }
        }
        return role;
    }

    static void detail(Canvas c, ParamRow row, ParamsState state, Messages msg) {
        c.fill(Role.BODY);
        List<Line> lines = new ArrayList<>();
        int w = c.width() - 1;
        if (row.key() != null) {
            ConfigKey k = row.key();
            lines.add(new Line(k.name(), Role.HEADER));
            String type = msg.get("params.typeName." + k.type().name());
            wrap(lines, msg.get("params.type", type.startsWith("!") ? k.type().description() : type), w, Role.DIM);
            String def = k.defaultValue() == null ? msg.get("params.none") : ParamValues.show(k.defaultValue());
            String allowed = !k.choices().isEmpty() ? String.join(", ", k.choices()) : k.rangeText();
            // Long choice lists (16 samplers) are cut to three lines so the help and derived values stay in view;
            // the edit prompt lists them all.
            List<Line> defaults = new ArrayList<>();
            wrap(defaults, msg.get("params.default", def) + (allowed.isEmpty() ? "" : " · " + msg.get("params.allowed", allowed)), w, Role.DIM);
            if (defaults.size() > 3) {
                defaults = new ArrayList<>(defaults.subList(0, 3));
                defaults.set(2, new Line(DisplayWidth.truncate(defaults.get(2).text() + " …", w), Role.DIM));
            }
            lines.addAll(defaults);
            wrap(lines, help(msg, k), w, Role.BODY);
        } else {
            lines.add(new Line(msg.get("params.startRow"), Role.HEADER));
            summary(msg, state.effective(), state.datasetDir(), state.derived()).forEach(s -> wrap(lines, s, w, Role.BODY));
        }
        lines.add(new Line("", Role.BODY));
        lines.add(new Line(msg.get("params.derived"), Role.HEADER));
        derived(msg, state).forEach(s -> wrap(lines, s, w, Role.BODY));
        for (Derived.Note n : state.derived().notes()) {
            wrap(lines, msg.get(n.key(), n.args()), w, Role.WARN);
        }
        long errors = state.errors();
        long warnings = state.issues().size() - errors;
        lines.add(new Line(errors + warnings == 0 ? msg.get("params.noIssues") : msg.get("params.issues", errors, warnings),
                errors > 0 ? Role.ERROR : warnings > 0 ? Role.WARN : Role.OK));
        String key = row.key() == null ? null : row.key().name();
        List<ConfigIssue> ordered = new ArrayList<>(state.issues().stream().filter(i -> i.key() != null && i.key().equals(key)).toList());
        state.issues().stream().filter(i -> !ordered.contains(i)).forEach(ordered::add);
        for (ConfigIssue i : ordered) {
            wrap(lines, (i.key() == null ? "" : i.key() + ": ") + i.message(), w, i.isError() ? Role.ERROR : Role.WARN);
        }
        for (int r = 0; r < lines.size() && r < c.height(); r++) {
            c.text(1, r, lines.get(r).text(), lines.get(r).role());
        }
    }

    private record Line(String text, Role role) {
    }

    /** The help text in the UI language; the engine's one-liner when the bundle has none. */
    static String help(Messages msg, ConfigKey k) {
        String h = msg.get("param." + k.name());
        return h.startsWith("!") ? k.help() : h;
    }

    private static List<String> derived(Messages msg, ParamsState state) {
        Derived d = state.derived();
        List<String> out = new ArrayList<>();
        if (d.plan() != null) {
            var st = d.plan().steps();
            out.add(msg.get("params.steps", String.valueOf(st.updateStepsPerEpoch()), String.valueOf(st.maxTrainSteps()),
                    String.valueOf(st.numEpochs())));
            if (d.warmup() > 0) {
                out.add(msg.get("params.warmup", String.valueOf(d.warmup())));
            }
        } else {
            out.add(planProblem(msg, d));
        }
        out.add(msg.get("params.scale", lr(d.scale()), lr(d.unetLr() * d.scale()), lr(d.teLr() * d.scale())));
        out.add(msg.get("params.size", String.format(Locale.ROOT, "%.1f", d.loraBytes() / 1e6)));
        return out;
    }

    static String planProblem(Messages msg, Derived d) {
        return "noDataset".equals(d.planProblem()) ? msg.get("params.plan.noDataset")
                : msg.get("params.plan.problem", d.planProblem());
    }

    /** What a run with this configuration trains on and how long: the start dialog's lines. */
    static List<String> summary(Messages msg, TrainConfig cfg, Path dataset, Derived d) {
        List<String> out = new ArrayList<>();
        out.add(msg.get("params.start.dataset", dataset == null ? "-" : dataset.toString()));
        RunPlan plan = d.plan();
        if (plan != null) {
            List<String> buckets = new ArrayList<>();
            for (BucketSummary b : plan.buckets().buckets()) {
                buckets.add(b.resolution().width() + "x" + b.resolution().height());
            }
            out.add(msg.get("params.start.buckets", String.valueOf(buckets.size()), String.join(" ", buckets.subList(0, Math.min(4, buckets.size())))
                    + (buckets.size() > 4 ? " …" : ""), String.valueOf(plan.buckets().numTrainImages())));
            out.add(msg.get("params.start.steps", String.valueOf(plan.steps().maxTrainSteps()),
                    String.valueOf(plan.steps().numEpochs()), String.valueOf(plan.steps().updateStepsPerEpoch()),
                    String.valueOf(cfg.trainBatchSize())));
        } else {
            out.add(planProblem(msg, d));
        }
        return out;
    }

    static String lr(double v) {
        return Double.isFinite(v) ? LineChart.label(v) : "-";
    }

    private static void wrap(List<Line> out, String text, int width, Role role) {
        String rest = text;
        while (DisplayWidth.of(rest) > width && width > 4) {
            String head = DisplayWidth.prefix(rest, width);
            int cut = head.lastIndexOf(' ');
            if (cut > width / 3) {
                head = head.substring(0, cut);
            }
            out.add(new Line(head, role));
            rest = rest.substring(head.length()).stripLeading();
        }
        out.add(new Line(rest, role));
    }
}
