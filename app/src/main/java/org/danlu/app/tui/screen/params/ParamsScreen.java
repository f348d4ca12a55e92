package org.danlu.app.tui.screen.params;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.danlu.app.tui.i18n.Messages;
import com.googlecode.lanterna.input.KeyType;
import org.danlu.app.tui.keys.Binding;
import org.danlu.app.tui.keys.KeySpec;
import org.danlu.app.tui.keys.Keymap;
import org.danlu.app.tui.screen.ScreenHost;
import org.danlu.app.tui.screen.StudioScreen;
import org.danlu.app.tui.widget.Canvas;
import org.danlu.engine.config.ConfigFile;
import org.danlu.engine.config.ConfigFileReader;
import org.danlu.engine.config.ConfigIssue;
import org.danlu.engine.config.ConfigKey;
import org.danlu.engine.config.ConfigType;
import org.danlu.engine.config.GuiJsonImport;
import org.danlu.engine.config.Presets;
import org.danlu.engine.config.TrainConfig;
import org.danlu.engine.dataset.DatasetScanner;
import org.danlu.engine.run.LaunchSpec;
import org.danlu.engine.run.RunDir;

/**
 * The Params screen: every option the config layer knows, grouped, with its type, default, allowed
 * values and help (en/zh); the derived values and the validator's findings update on every edit.
 * Presets, TOML load/save and kohya_ss GUI JSON import replace the configuration; "Start training"
 * validates, shows a summary, launches the run and hands it to the Train screen.
 */
public final class ParamsScreen implements StudioScreen {
    private final ScreenHost host;
    private final Messages msg;
    private final Path workspace;
    private final Path baseDir;
    private final Consumer<RunDir> started;
    private final Function<RunDir, LaunchSpec> trainer;
    private final ParamsFiles files;
    private final ParamsState state;
    private final List<ParamRow> rows = ParamRow.all();
    private final Keymap keys = new Keymap();
    private int selected;
    private boolean scanning;
    /** Scans wait until the screen is first shown: while the studio opens, the Dataset screen's scan has the disk. */
    private boolean shownOnce;

    /**
     * @param datasetRoot the dataset open in the studio (train_data_dir when the config sets none), or null
     * @param started     shows a launched run in the Train screen
     * @param trainer     the trainer command for a run ({@link #DANLU_TRAIN} in the studio)
     * @param presetDir   where user presets live
     */
    public ParamsScreen(ScreenHost host, Path workspace, Path datasetRoot, Consumer<RunDir> started,
                        Function<RunDir, LaunchSpec> trainer, Path presetDir) {
        this.host = host;
        this.msg = host.messages();
        this.workspace = workspace;
        this.baseDir = workspace;
        this.started = started;
        this.trainer = trainer;
        this.files = new ParamsFiles(presetDir);
        ConfigFile basic = Presets.load("basic");
        this.state = new ParamsState(datasetRoot, baseDir, basic.config(), "preset:basic");
        keys.add("Up k", "key.params.up", false, () -> move(-1))
                .add("Down j", "key.params.down", false, () -> move(1))
                .add("PgUp", "key.params.up", false, () -> move(-10))
                .add("PgDn", "key.params.down", false, () -> move(10))
                .add("Enter e", "key.params.edit", true, this::enter)
                .add(new Binding(List.of(new KeySpec(KeyType.Character, ' ', false, "Space")), "key.params.toggle",
                        false, this::toggle))
                .add("+ Right", "key.params.nextChoice", false, () -> cycle(1))
                .add("- Left", "key.params.prevChoice", false, () -> cycle(-1))
                .add("Del", "key.params.reset", false, this::reset)
                .add("T", "key.params.start", true, this::askStart)
                .add("P", "key.params.preset", true, this::askPreset)
                .add("W", "key.params.savePreset", false, this::askSavePreset)
                .add("L", "key.params.load", false, this::askLoad)
                .add("S", "key.params.save", true, this::askSave)
                .add("I", "key.params.import", false, this::askImport);
        // A train.toml in the workspace (what `danlu demo` writes, or a config kept beside the data) is what
        // this workspace trains with: start from it, so Save patches it and the Tags screen finds its model.
        Path workspaceConfig = workspace.resolve(WORKSPACE_CONFIG);
        if (Files.isRegularFile(workspaceConfig)) {
            loadFile(() -> ConfigFileReader.read(workspaceConfig), workspaceConfig.toString(), workspaceConfig);
        }
    }

    /** The configuration the Params screen opens with when the workspace holds it. */
    public static final String WORKSPACE_CONFIG = "train.toml";

    /** The default trainer command (see {@link TrainStart#DANLU_TRAIN}). */
    public static final Function<RunDir, LaunchSpec> DANLU_TRAIN = TrainStart.DANLU_TRAIN;

    public static Path defaultPresetDir() {
        return ParamsFiles.defaultPresetDir();
    }

    /** The configuration being edited (tests read it). */
    public TrainConfig config() {
        return state.config();
    }

    /** The validator's findings for the configuration as it would be trained. */
    public List<ConfigIssue> issues() {
        return state.issues();
    }

    /** Whether the dataset scan the step arithmetic needs is in. */
    public boolean planned() {
        return state.derived().plan() != null;
    }

    // ---- navigation and editing

    private void move(int by) {
        int i = Math.max(0, Math.min(rows.size() - 1, selected + by));
        while (!rows.get(i).selectable() && i > 0 && i < rows.size() - 1) {
            i += by > 0 ? 1 : -1;
        }
        selected = rows.get(i).selectable() ? i : selected;
    }

    /** Selects an option by name (the {@code :set} style of tests and of the help). */
    public void select(String key) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).key() != null && rows.get(i).key().name().equals(key)) {
                selected = i;
            }
        }
    }

    private ConfigKey currentKey() {
        return rows.get(selected).key();
    }

    private void enter() {
        ParamRow r = rows.get(selected);
        if (r.kind() == ParamRow.Kind.START) {
            askStart();
            return;
        }
        ConfigKey k = r.key();
        if (k == null) {
            return;
        }
        if (k.type() == ConfigType.BOOL) {
            toggle();
            return;
        }
        String initial = ParamValues.editText(state.config().entries().get(k.name()));
        String hint = k.choices().isEmpty() ? "" : " (" + String.join(", ", k.choices()) + ")";
        host.prompt(k.name() + hint + " = ", initial, text -> apply(k, text));
    }

    private void apply(ConfigKey k, String text) {
        try {
            state.set(k.name(), ParamValues.parse(k, text));
            List<ConfigIssue> mine = state.issues().stream().filter(i -> k.name().equals(i.key())).toList();
            if (mine.isEmpty()) {
                host.flash(msg.get("params.set", k.name(), ParamValues.show(state.config().get(k.name()))), false);
            } else {
                host.flash(mine.get(0).message(), mine.get(0).isError());
            }
            scanIfNeeded();
        } catch (IllegalArgumentException e) {
            host.flash(e.getMessage(), true);
        }
    }

    private void toggle() {
        ConfigKey k = currentKey();
        if (k != null && k.type() == ConfigType.BOOL) {
            state.set(k.name(), !Boolean.TRUE.equals(state.config().get(k.name())));
        }
    }

    /** Steps an option with a list of allowed values (lr_scheduler, mixed_precision, ...) through it. */
    private void cycle(int by) {
        ConfigKey k = currentKey();
        if (k == null || k.choices().isEmpty()) {
            toggle();
            return;
        }
        List<String> choices = k.choices();
        Object now = state.config().get(k.name());
        int at = now == null ? -1 : choices.indexOf(ParamValues.editText(now));
        String next = choices.get(Math.floorMod(at + by, choices.size()));
        apply(k, next);
    }

    private void reset() {
        ConfigKey k = currentKey();
        if (k != null) {
            state.set(k.name(), null);
            host.flash(msg.get("params.reset", k.name()), false);
            scanIfNeeded();
        }
    }

    /** The step arithmetic needs the dataset's image sizes: scanned on a worker when the folder changes. */
    private void scanIfNeeded() {
        Path dir = state.datasetDir();
        if (!shownOnce || scanning || dir == null || !state.needsScan()) {
            return;
        }
        scanning = true;
        host.store().load(() -> new DatasetScanner().scan(dir), scan -> {
            scanning = false;
            state.scanned(dir, scan);
            scanIfNeeded(); // the folder may have changed meanwhile
        }, e -> {
            scanning = false;
            host.flash(msg.get("params.scanFailed", dir, e.getMessage()), true);
        });
    }

    // ---- presets and files

    private void askPreset() {
        host.prompt(msg.get("params.prompt.preset", String.join(", ", files.presetNames())), "", name -> {
            if (!name.isBlank()) {
                loadFile(() -> files.preset(name.strip()), "preset:" + name.strip(), null);
            }
        });
    }

    private void askLoad() {
        host.prompt(msg.get("params.prompt.load"), "", path -> {
            if (!path.isBlank()) {
                Path p = baseDir.resolve(path.strip());
                loadFile(() -> ConfigFileReader.read(p), p.toString(), p);
            }
        });
    }

    private interface FileSource {
        ConfigFile read() throws Exception;
    }

    private void loadFile(FileSource src, String source, Path path) {
        host.store().load(src::read, f -> {
            state.replace(f.config(), source, path == null ? null : f, path);
            long errs = f.syntaxErrors().size();
            host.flash(errs > 0 ? f.syntaxErrors().get(0).toString() : msg.get("params.loaded", source), errs > 0);
            scanIfNeeded();
        }, e -> host.flash(String.valueOf(e.getMessage()), true));
    }

    private void askSave() {
        String initial = state.filePath() != null ? state.filePath().toString() : TrainStart.runName(state.config()) + ".toml";
        host.prompt(msg.get("params.prompt.save"), initial, path -> {
            if (path.isBlank()) {
                return;
            }
            Path p = baseDir.resolve(path.strip());
            TrainConfig cfg = state.config();
            host.store().load(() -> ParamsFiles.save(p, state.file(), state.filePath(), cfg), f -> {
                state.saved(f, p);
                host.flash(msg.get("params.saved", p), false);
            }, e -> host.flash(msg.get("params.saveFailed", e.getMessage()), true));
        });
    }

    private void askSavePreset() {
        host.prompt(msg.get("params.prompt.savePreset"), "", name -> {
            if (!name.isBlank()) {
                TrainConfig cfg = state.config();
                host.store().load(() -> files.savePreset(name.strip(), cfg),
                        p -> host.flash(msg.get("params.presetSaved", name.strip(), p), false),
                        e -> host.flash(msg.get("params.saveFailed", e.getMessage()), true));
            }
        });
    }

    private void askImport() {
        host.prompt(msg.get("params.prompt.import"), "", path -> {
            if (path.isBlank()) {
                return;
            }
            Path p = baseDir.resolve(path.strip());
            host.store().load(() -> GuiJsonImport.read(p), r -> {
                state.replace(r.config(), p.toString(), null, null);
                host.flash(msg.get("params.imported", p.getFileName(), r.notes().size(), r.notImported().size()), false);
                scanIfNeeded();
            }, e -> host.flash(String.valueOf(e.getMessage()), true));
        });
    }

    // ---- start

    private void askStart() {
        List<ConfigIssue> errors = state.issues().stream().filter(ConfigIssue::isError).toList();
        if (!errors.isEmpty()) {
            ConfigIssue first = errors.get(0);
            if (first.key() != null) {
                select(first.key());
            }
            host.flash(msg.get("params.start.errors", errors.size(), first.key() == null ? "" : first.key(),
                    first.message()), true);
            return;
        }
        Derived d = state.derived();
        if (d.plan() == null) {
            host.flash(msg.get("params.start.noPlan", ParamsPanes.planProblem(msg, d)), true);
            return;
        }
        TrainConfig cfg = state.effective();
        List<String> lines = new ArrayList<>(ParamsPanes.summary(msg, cfg, state.datasetDir(), d));
        lines.add(msg.get("params.start.output", TrainStart.runName(cfg)));
        host.confirm(msg.get("params.start.title"), lines, false, () -> start(cfg));
    }

    private void start(TrainConfig cfg) {
        host.store().load(() -> TrainStart.launch(workspace, cfg, baseDir, trainer), run -> {
            host.flash(msg.get("params.started", run.id()), false);
            started.accept(run);
        }, e -> host.flash(msg.get("params.startFailed", e.getMessage()), true));
    }

    // ---- StudioScreen

    @Override
    public String titleKey() {
        return "screen.params";
    }

    @Override
    public Keymap keymap() {
        return keys;
    }

    @Override
    public String status() {
        return msg.get("params.status", state.source(), state.config().entries().size())
                + (state.dirty() ? msg.get("params.unsaved") : "");
    }

    /** Edits typed since the last load, preset or save would be lost by quitting: the studio asks first. */
    @Override
    public boolean hasUnsaved() {
        return state.dirty();
    }

    @Override
    public void shown() {
        shownOnce = true;
        scanIfNeeded();
    }

    @Override
    public void draw(Canvas body) {
        int leftW = Math.max(36, body.width() * 52 / 100);
        ParamsPanes.list(body.sub(0, 0, leftW, body.height()), rows, selected, state, msg);
        body.sub(leftW, 0, 1, body.height()).vline(0, org.danlu.app.tui.term.Role.BORDER);
        ParamsPanes.detail(body.sub(leftW + 1, 0, body.width() - leftW - 1, body.height()),
                rows.get(selected), state, msg);
    }
}
