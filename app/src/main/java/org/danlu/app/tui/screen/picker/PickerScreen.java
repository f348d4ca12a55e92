package org.danlu.app.tui.screen.picker;

import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.danlu.app.tui.i18n.Messages;
import org.danlu.app.tui.keys.Keymap;
import org.danlu.app.tui.keys.Navigation;
import org.danlu.app.tui.screen.ScreenHost;
import org.danlu.app.tui.screen.StudioScreen;
import org.danlu.app.tui.term.Role;
import org.danlu.app.tui.text.DisplayWidth;
import org.danlu.app.tui.widget.Canvas;
import org.danlu.app.tui.widget.TableView;

/**
 * The picker's one screen: the recent datasets on top, the folder browser below, one cursor over
 * both. Enter opens a recent or dataset-looking folder and goes into any other folder; Left or
 * Backspace goes up; {@code o} opens the selected folder, {@code .} the one being browsed, {@code /}
 * (or {@code ~}, {@code g}) jumps to a typed path. Every listing runs on the store's workers, tagged
 * with a generation number, so leaving a huge folder drops its stale results and stops its work.
 */
final class PickerScreen implements StudioScreen {
    private static final int INFO_COLS = 34;

    private final ScreenHost host;
    private final Messages msg;
    private final PickerState state;
    private final Path missingLast;
    private final Consumer<Path> opener;
    private final Keymap keys = new Keymap();
    /** Bumped on every new listing and on opening; workers compare it to know their work is stale. */
    private final AtomicInteger generation = new AtomicInteger();
    private int page = 10;

    PickerScreen(ScreenHost host, PickerSetup setup, Consumer<Path> opener) {
        this.host = host;
        this.msg = host.messages();
        this.state = new PickerState(setup.recent());
        this.missingLast = setup.missingLast();
        this.opener = opener;
        Navigation.add(keys, state::move, () -> page);
        keys.add("Enter", "key.picker.enter", true, this::enter)
                .add("Left Bs h", "key.picker.up", true, this::up)
                .add(".", "key.picker.openHere", true, () -> open(state.dir()))
                .add("o", "key.picker.open", true, this::openSelected)
                .add("/", "key.picker.goTo", true, () -> askPath("/"))
                .add("~", "key.picker.home", false, () -> askPath("~/"))
                .add("g", "key.picker.goFrom", false, () -> askPath(state.dir() + "/"))
                .add("Right l", "key.picker.into", false, this::into)
                .add("Tab", "key.picker.section", false, state::otherSection)
                .add("F5", "key.picker.refresh", false, this::refresh);
        checkRecents(setup.recent());
        browse(setup.start(), null, false);
    }

    @Override
    public String titleKey() {
        return "screen.picker";
    }

    @Override
    public Keymap keymap() {
        return keys;
    }

    @Override
    public String status() {
        if (state.listing()) {
            return msg.get("picker.listing", display(state.dir()));
        }
        if (!state.listError().isEmpty()) {
            return state.listError();
        }
        return msg.get("picker.status", state.folderCount(), state.datasetCount());
    }

    // ---- actions

    private void enter() {
        PickerState.Recent r = state.selectedRecent();
        if (r != null) {
            open(r.path());
            return;
        }
        PickerState.Folder f = state.selectedFolder();
        if (f == null) {
            return;
        }
        if (f.parent()) {
            up();
        } else if (f.look() != null && f.look().isDataset()) {
            open(f.path());
        } else {
            browse(f.path(), null, true);
        }
    }

    private void into() {
        PickerState.Recent r = state.selectedRecent();
        PickerState.Folder f = state.selectedFolder();
        if (r != null && Files.isDirectory(r.path())) {
            browse(r.path(), null, true);
        } else if (f != null && f.parent()) {
            up();
        } else if (f != null) {
            browse(f.path(), null, true);
        }
    }

    private void up() {
        Path parent = state.dir().getParent();
        if (parent != null) {
            browse(parent, String.valueOf(state.dir().getFileName()), true);
        }
    }

    private void openSelected() {
        PickerState.Recent r = state.selectedRecent();
        PickerState.Folder f = state.selectedFolder();
        if (r != null) {
            open(r.path());
        } else if (f != null) {
            open(f.path());
        }
    }

    private void refresh() {
        PickerState.Folder f = state.selectedFolder();
        browse(state.dir(), f == null || f.parent() ? null : f.name(), true);
    }

    private void askPath(String initial) {
        host.prompt(msg.get("picker.goLead") + " ", initial, this::jump);
    }

    /** Browses a typed path: absolute, {@code ~/...}, or relative to the folder being browsed. */
    private void jump(String typed) {
        String t = typed.trim();
        if (t.isEmpty()) {
            return;
        }
        if (t.equals("~") || t.startsWith("~/")) {
            t = System.getProperty("user.home") + t.substring(1);
        }
        Path p;
        try {
            p = state.dir().resolve(t).toAbsolutePath().normalize();
        } catch (java.nio.file.InvalidPathException e) {
            host.flash(msg.get("picker.noSuchFolder", t), true);
            return;
        }
        if (!Files.isDirectory(p)) {
            host.flash(msg.get("picker.noSuchFolder", p), true);
            return;
        }
        browse(p, null, true);
    }

    private void open(Path p) {
        if (!Files.isDirectory(p)) {
            host.flash(msg.get("picker.gone", DatasetPicker.titleOf(p)), true); // short: the bar is narrow
            return;
        }
        generation.incrementAndGet(); // workers still looking at folders stop
        opener.accept(p.toAbsolutePath().normalize());
    }

    // ---- workers

    /** Lists {@code dir} on a worker; {@code focus} moves the cursor into the browser (a user's move). */
    private void browse(Path dir, String select, boolean focus) {
        int gen = generation.incrementAndGet();
        BooleanSupplier stale = () -> generation.get() != gen;
        state.startListing(dir, select);
        if (focus && state.section() == PickerState.Section.RECENT) {
            state.otherSection();
        }
        host.store().load(() -> SubFolders.of(dir, stale), subs -> {
            if (!stale.getAsBoolean()) {
                state.listed(subs);
                lookAt(dir, subs, gen, stale);
            }
        }, e -> {
            if (!stale.getAsBoolean()) {
                state.listFailed(msg.get("picker.listFailed", display(dir), reason(e)));
            }
        });
    }

    /** Looks at the folder itself, then each sub-folder in order, posting each answer as it comes. */
    private void lookAt(Path dir, List<Path> subs, int gen, BooleanSupplier stale) {
        int offset = dir.getParent() != null ? 1 : 0; // the ".." row comes first
        host.store().load(() -> {
            DatasetLook here = DatasetLook.of(dir, stale);
            host.store().post(() -> {
                if (!stale.getAsBoolean()) {
                    state.setDirLook(here);
                }
            });
            for (int i = 0; i < subs.size() && !stale.getAsBoolean(); i++) {
                DatasetLook look = DatasetLook.of(subs.get(i), stale);
                int row = i + offset;
                host.store().post(() -> {
                    if (generation.get() == gen) {
                        state.setLook(row, look);
                    }
                });
            }
            return gen;
        }, done -> { }, e -> { });
    }

    private void checkRecents(List<Path> recent) {
        host.store().load(() -> {
            for (int i = 0; i < recent.size(); i++) {
                Path p = recent.get(i);
                boolean exists = Files.isDirectory(p);
                DatasetLook look = exists ? DatasetLook.of(p, () -> false) : null;
                int row = i;
                host.store().post(() -> state.setRecent(row, exists, look));
            }
            return recent.size();
        }, done -> { }, e -> { });
    }

    private String reason(Exception e) {
        if (e instanceof AccessDeniedException) {
            return msg.get("picker.reason.denied");
        }
        if (e instanceof NoSuchFileException) {
            return msg.get("picker.reason.missing");
        }
        return String.valueOf(e.getMessage());
    }

    // ---- drawing

    @Override
    public void draw(Canvas c) {
        c.fill(Role.BODY);
        int row = 0;
        if (missingLast != null) {
            List<String> lines = DisplayWidth.wrap(msg.get("picker.missingLast", display(missingLast)), c.width());
            for (String line : lines.subList(0, Math.min(2, lines.size()))) {
                c.line(row++, line, Role.WARN);
            }
        }
        List<PickerState.Recent> recents = state.recents();
        boolean recentFocus = state.section() == PickerState.Section.RECENT;
        if (!recents.isEmpty()) {
            c.line(row++, msg.get("picker.recent"), recentFocus ? Role.HEADER : Role.DIM);
            int shown = Math.min(recents.size(), Math.max(2, (c.height() - row - 4) / 2));
            int top = TableView.firstVisible(state.recentIndex(), recents.size(), shown);
            for (int i = top; i < Math.min(recents.size(), top + shown); i++) {
                drawRecent(c, row++, recents.get(i), recentFocus && i == state.recentIndex());
            }
        }
        int pathCols = c.width() - DisplayWidth.of(msg.get("picker.folders", ""));
        c.line(row++, msg.get("picker.folders", tail(display(state.dir()), pathCols)), recentFocus ? Role.DIM : Role.HEADER);
        DatasetLook here = state.dirLook();
        if (here != null && here.isDataset()) {
            c.line(row++, msg.get("picker.here", lookText(here)), Role.OK);
        }
        List<PickerState.Folder> folders = state.folders();
        int visible = Math.max(1, c.height() - row);
        page = Math.max(1, visible - 1);
        int top = TableView.firstVisible(state.folderIndex(), folders.size(), visible);
        for (int i = top; i < folders.size() && row < c.height(); i++) {
            drawFolder(c, row++, folders.get(i), !recentFocus && i == state.folderIndex());
        }
        if (row < c.height()) {
            if (!state.listError().isEmpty()) {
                c.text(2, row, state.listError(), Role.ERROR);
            } else if (state.listing()) {
                c.text(2, row, msg.get("picker.listingShort"), Role.DIM);
            } else if (state.folderCount() == 0) {
                c.text(2, row, msg.get("picker.empty"), Role.DIM);
            }
        }
    }

    private void drawRecent(Canvas c, int row, PickerState.Recent r, boolean selected) {
        String note;
        Role noteRole;
        if (r.exists() == null) {
            note = "…";
            noteRole = Role.DIM;
        } else if (!r.exists()) {
            note = msg.get("picker.notFound");
            noteRole = Role.WARN;
        } else {
            note = r.look() == null || !r.look().isDataset() ? msg.get("picker.notDataset") : lookText(r.look());
            noteRole = r.look() != null && r.look().isDataset() ? Role.OK : Role.DIM;
        }
        boolean dataset = r.look() != null && r.look().isDataset();
        // A path's end says most: cut long ones at the front.
        String path = tail(display(r.path()), c.width() - 3 - Math.min(INFO_COLS, DisplayWidth.of(note)) - 1);
        drawRow(c, row, selected, dataset, path, note, noteRole);
    }

    private void drawFolder(Canvas c, int row, PickerState.Folder f, boolean selected) {
        if (f.parent()) {
            drawRow(c, row, selected, false, "..", msg.get("picker.parent"), Role.DIM);
            return;
        }
        DatasetLook look = f.look();
        String note = look == null ? "…" : look.isDataset() ? lookText(look) : "";
        drawRow(c, row, selected, look != null && look.isDataset(), f.name() + "/", note,
                look != null && look.isDataset() ? Role.OK : Role.DIM);
    }

    /** One row: a dataset mark, the name, and a right-aligned note; the selected row is one colour. */
    private static void drawRow(Canvas c, int row, boolean selected, boolean dataset, String name, String note,
                                Role noteRole) {
        c.line(row, "", selected ? Role.SELECTED : Role.BODY);
        int info = Math.min(INFO_COLS, DisplayWidth.of(note));
        c.text(0, row, dataset ? "◆" : " ", selected ? Role.SELECTED : Role.OK);
        c.cell(2, row, name, Math.max(0, c.width() - info - 3), selected ? Role.SELECTED : Role.BODY);
        if (info > 0) {
            c.text(c.width() - info, row, DisplayWidth.truncate(note, info), selected ? Role.SELECTED : noteRole);
        }
    }

    private String lookText(DatasetLook look) {
        String images = look.images() + (look.capped() ? "+" : "");
        return msg.get(look.kind() == DatasetLook.Kind.TRAIN_REG ? "picker.look.trainReg" : "picker.look.folders",
                String.valueOf(look.subsets()), images);
    }

    /** A path for people: the home folder as {@code ~}. */
    static String display(Path p) {
        String home = System.getProperty("user.home");
        String s = p.toString();
        if (home != null && !home.isEmpty() && !home.equals("/") && (s.equals(home) || s.startsWith(home + "/"))) {
            return "~" + s.substring(home.length());
        }
        return s;
    }

    /** The end of a long text (the interesting part of a path), led by "…", in {@code cols} columns. */
    static String tail(String s, int cols) {
        if (DisplayWidth.of(s) <= cols) {
            return s;
        }
        int[] cps = s.codePoints().toArray();
        int used = 1;
        int from = cps.length;
        while (from > 0 && used + DisplayWidth.of(cps[from - 1]) <= cols) {
            used += DisplayWidth.of(cps[--from]);
        }
        return "…" + new String(cps, from, cps.length - from);
    }
}
