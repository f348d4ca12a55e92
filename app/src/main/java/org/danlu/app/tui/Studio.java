package org.danlu.app.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.danlu.app.tui.i18n.Messages;
import org.danlu.app.tui.image.PreviewLoader;
import org.danlu.app.tui.keys.Binding;
import org.danlu.app.tui.keys.Keymap;
import org.danlu.app.tui.screen.ScreenHost;
import org.danlu.app.tui.screen.StudioScreen;
import org.danlu.app.tui.state.Store;
import org.danlu.app.tui.term.Role;
import org.danlu.app.tui.text.DisplayWidth;
import org.danlu.app.tui.widget.Canvas;
import org.danlu.app.tui.widget.ConfirmDialog;
import org.danlu.app.tui.widget.HelpOverlay;
import org.danlu.app.tui.widget.PromptLine;
import org.danlu.app.tui.widget.StatusBar;

/**
 * The studio around the screens: the tab bar, the status bar, the global keys (1..6, Tab, ?, :, q),
 * and the overlays (help, confirm, prompt). Keys go to the open overlay first, then to the current
 * screen's bindings, then to the global ones. GUI thread only.
 */
public final class Studio implements ScreenHost {
    public static final int MIN_COLS = 80;
    public static final int MIN_ROWS = 24;
    private static final long FLASH_MS = 4000;

    private final Messages msg;
    private final Store store;
    private final PreviewLoader previews;
    private final List<StudioScreen> screens = new ArrayList<>();
    private final Keymap global = new Keymap();
    private final String datasetName;
    private Consumer<String> commandRunner = line -> flash(messages().get("command.unavailable"), true);
    private java.util.function.UnaryOperator<String> commandCompleter = line -> line;
    private int current;
    private boolean running = true;
    private boolean helpOpen;
    private Confirm confirm;
    private Prompt prompt;
    private final List<Integer> tabEnds = new ArrayList<>();
    private String flash = "";
    private boolean flashError;
    private long flashUntil;

    private record Confirm(ConfirmDialog.Model model, Runnable onYes) {
    }

    private record Prompt(PromptLine line, Consumer<String> onSubmit) {
    }

    /** A request to replace this studio by another in the same session (the picker opening a dataset). */
    public record Switch(String title, Consumer<Studio> screens) {
    }

    private Switch pendingSwitch;

    public Studio(Messages msg, Store store, String datasetName) {
        this.msg = msg;
        this.store = store;
        this.previews = new PreviewLoader(store);
        this.datasetName = datasetName;
        global.add("1", "key.screen1", false, () -> show(0))
                .add("2", "key.screen2", false, () -> show(1))
                .add("3", "key.screen3", false, () -> show(2))
                .add("4", "key.screen4", false, () -> show(3))
                .add("5", "key.screen5", false, () -> show(4))
                .add("6", "key.screen6", false, () -> show(5))
                .add("Tab", "key.nextScreen", false, () -> show((current + 1) % screens.size()))
                .add("S-Tab", "key.prevScreen", false, () -> show((current + screens.size() - 1) % screens.size()))
                .add(": F2", "key.command", false, () -> prompt(":", "", t -> "", commandCompleter, this::runCommand))
                .add("? F1", "key.help", true, () -> helpOpen = true)
                .add("q", "key.quit", true, this::requestQuit);
    }

    public void addScreen(StudioScreen s) {
        screens.add(s);
    }

    /** Who runs {@code :} commands (set once the dataset is open). */
    public void setCommandRunner(Consumer<String> runner) {
        this.commandRunner = runner;
    }

    public boolean running() {
        return running;
    }

    /**
     * Asks the session to replace this studio, after the current key, by a new one titled {@code title}
     * whose screens {@code screens} adds: same terminal, theme and language, no trip through the shell.
     */
    public void switchTo(String title, Consumer<Studio> screens) {
        pendingSwitch = new Switch(title, screens);
    }

    /** The switch asked for, once (the session takes it); null when none. */
    Switch takeSwitch() {
        Switch s = pendingSwitch;
        pendingSwitch = null;
        return s;
    }

    public int currentIndex() {
        return current;
    }

    public StudioScreen currentScreen() {
        return screens.get(current);
    }

    // ---- ScreenHost

    @Override
    public Messages messages() {
        return msg;
    }

    @Override
    public Store store() {
        return store;
    }

    @Override
    public PreviewLoader previews() {
        return previews;
    }

    @Override
    public void flash(String text, boolean error) {
        flash = text;
        flashError = error;
        flashUntil = System.currentTimeMillis() + FLASH_MS;
    }

    @Override
    public void confirm(String title, List<String> lines, boolean destructive, Runnable onYes) {
        confirm = new Confirm(new ConfirmDialog.Model(title, lines, msg.get("confirm.keys"), destructive), onYes);
    }

    @Override
    public void prompt(String lead, String initial, Consumer<String> onSubmit) {
        prompt = new Prompt(new PromptLine(lead, initial), onSubmit);
    }

    @Override
    public void prompt(String lead, String initial, java.util.function.Function<String, String> hint,
                       Consumer<String> onSubmit) {
        prompt = new Prompt(new PromptLine(lead, initial, hint), onSubmit);
    }

    @Override
    public void prompt(String lead, String initial, java.util.function.Function<String, String> hint,
                       java.util.function.UnaryOperator<String> completer, Consumer<String> onSubmit) {
        prompt = new Prompt(new PromptLine(lead, initial, hint, completer), onSubmit);
    }

    /** Tab completion for the {@code :} prompt (the dataset's commands and tags); none until set. */
    public void setCommandCompleter(java.util.function.UnaryOperator<String> completer) {
        this.commandCompleter = completer;
    }

    @Override
    public void runCommand(String line) {
        if (!line.isBlank()) {
            commandRunner.accept(line.trim());
        }
    }

    @Override
    public void show(int index) {
        if (index >= 0 && index < screens.size()) {
            current = index;
            helpOpen = false;
            screens.get(index).shown();
        }
    }

    // ---- input

    /** Handles one key press; returns false when nothing used it. */
    public boolean handle(KeyStroke k) {
        if (k.getKeyType() == KeyType.EOF) {
            running = false;
            return true;
        }
        if (k instanceof com.googlecode.lanterna.input.MouseAction m) {
            return handleMouse(m);
        }
        if (confirm != null) {
            Confirm c = confirm;
            confirm = null;
            if (k.getKeyType() == KeyType.Character && Character.toLowerCase(k.getCharacter()) == 'y') {
                c.onYes().run();
            } else {
                flash(msg.get("confirm.cancelled"), false);
            }
            return true;
        }
        if (prompt != null) {
            return handlePrompt(k);
        }
        if (helpOpen) {
            helpOpen = false;
            return true;
        }
        var hit = screens.isEmpty() ? java.util.Optional.<Binding>empty() : currentScreen().keymap().find(k);
        if (hit.isEmpty()) {
            hit = global.find(k);
        }
        hit.ifPresent(b -> b.action().run());
        return hit.isPresent();
    }

    /**
     * The optional mouse: a click on a tab switches to it, the wheel moves the current list like the
     * arrow keys. Anything else is ignored (keys do everything).
     */
    private boolean handleMouse(com.googlecode.lanterna.input.MouseAction m) {
        if (confirm != null || prompt != null || helpOpen) {
            return true;
        }
        switch (m.getActionType()) {
            case CLICK_DOWN -> {
                if (m.getPosition().getRow() == 0) {
                    for (int i = 0; i < tabEnds.size(); i++) {
                        if (m.getPosition().getColumn() < tabEnds.get(i)) {
                            show(i);
                            break;
                        }
                    }
                }
            }
            case SCROLL_UP -> handle(new KeyStroke(KeyType.ArrowUp));
            case SCROLL_DOWN -> handle(new KeyStroke(KeyType.ArrowDown));
            default -> {
                return false;
            }
        }
        return true;
    }

    private boolean handlePrompt(KeyStroke k) {
        Prompt p = prompt;
        switch (k.getKeyType()) {
            case Escape -> prompt = null;
            case Enter -> {
                prompt = null;
                p.onSubmit().accept(p.line().text());
            }
            case Backspace -> p.line().backspace();
            case Tab -> p.line().complete();
            case Character -> p.line().type(k.getCharacter());
            default -> {
                return true;
            }
        }
        return true;
    }

    private void requestQuit() {
        boolean unsaved = screens.stream().anyMatch(StudioScreen::hasUnsaved);
        if (unsaved) {
            confirm(msg.get("quit.title"), List.of(msg.get("quit.unsaved")), true, () -> running = false);
        } else {
            running = false;
        }
    }

    // ---- drawing

    public void draw(Canvas full) {
        if (full.width() < MIN_COLS || full.height() < MIN_ROWS) {
            drawEnlarge(full);
            return;
        }
        drawTabs(full.sub(0, 0, full.width(), 1));
        Canvas body = full.sub(0, 1, full.width(), full.height() - 2);
        if (!screens.isEmpty()) {
            currentScreen().draw(body);
        }
        Canvas bar = full.sub(0, full.height() - 1, full.width(), 1);
        if (prompt != null) {
            prompt.line().draw(bar);
        } else {
            StatusBar.draw(bar, statusModel());
        }
        if (helpOpen) {
            HelpOverlay.draw(full, helpModel());
        }
        if (confirm != null) {
            ConfirmDialog.draw(full, confirm.model());
        }
    }

    private void drawEnlarge(Canvas full) {
        full.fill(Role.BODY);
        String[] lines = {
            msg.get("enlarge.title"),
            msg.get("enlarge.size", full.width(), full.height(), MIN_COLS, MIN_ROWS),
            msg.get("enlarge.quit")};
        int top = Math.max(0, full.height() / 2 - 1);
        for (int i = 0; i < lines.length; i++) {
            String l = DisplayWidth.truncate(lines[i], full.width());
            full.text(Math.max(0, (full.width() - DisplayWidth.of(l)) / 2), top + i, l, i == 0 ? Role.WARN : Role.BODY);
        }
    }

    private void drawTabs(Canvas c) {
        c.fill(Role.TAB);
        int col = 0;
        tabEnds.clear();
        for (int i = 0; i < screens.size(); i++) {
            String t = " " + (i + 1) + " " + msg.get(screens.get(i).titleKey()) + " ";
            col += c.text(col, 0, t, i == current ? Role.TAB_ACTIVE : Role.TAB);
            tabEnds.add(col);
        }
        String name = DisplayWidth.truncate("丹炉 " + datasetName + " ", Math.max(0, c.width() - col - 1));
        c.text(c.width() - DisplayWidth.of(name), 0, name, Role.TAB);
    }

    StatusBar.Model statusModel() {
        List<StatusBar.Hint> hints = new ArrayList<>();
        List<Binding> shown = new ArrayList<>();
        if (!screens.isEmpty()) {
            shown.addAll(currentScreen().keymap().inBar());
        }
        shown.addAll(global.inBar());
        for (Binding b : shown) {
            hints.add(new StatusBar.Hint(b.keys().get(0).label(), msg.get(b.labelKey())));
        }
        boolean flashing = !flash.isEmpty() && System.currentTimeMillis() < flashUntil;
        String left = flashing ? flash : (screens.isEmpty() ? "" : currentScreen().status());
        Role role = flashing ? (flashError ? Role.ERROR : Role.OK) : Role.STATUS;
        return new StatusBar.Model(left, role, hints, global.inBar().size());
    }

    HelpOverlay.Model helpModel() {
        List<HelpOverlay.Line> lines = new ArrayList<>();
        lines.add(new HelpOverlay.Line("", msg.get(currentScreen().titleKey())));
        for (Binding b : currentScreen().keymap().all()) {
            lines.add(new HelpOverlay.Line(b.keyLabel(), msg.get(b.labelKey())));
        }
        lines.add(new HelpOverlay.Line("", msg.get("help.global")));
        lines.add(new HelpOverlay.Line("1..6 Tab", msg.get("key.switch")));
        for (Binding b : global.all()) {
            if (!b.labelKey().startsWith("key.screen") && !b.labelKey().endsWith("Screen")) {
                lines.add(new HelpOverlay.Line(b.keyLabel(), msg.get(b.labelKey())));
            }
        }
        return new HelpOverlay.Model(msg.get("help.title"), lines, msg.get("help.close"));
    }
}
