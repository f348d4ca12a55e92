package org.danlu.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.danlu.app.tui.DatasetStudio;
import org.danlu.app.tui.Studio;
import org.danlu.app.tui.TuiApp;
import org.danlu.app.tui.TuiOptions;
import org.danlu.app.tui.i18n.Messages;
import org.danlu.app.tui.screen.picker.DatasetPicker;
import org.danlu.app.tui.screen.picker.PickerSetup;
import org.danlu.app.tui.term.ColorDepth;
import org.danlu.app.tui.term.TerminalCaps;
import org.danlu.app.tui.term.ThemeFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code danlu open [DIR]}: the full-screen studio on a dataset; without DIR the last one, or, when none is
 * remembered (or it is gone), the dataset picker in the terminal.
 */
@Command(name = "open", description = {"Open the studio (full-screen terminal UI) on a dataset folder.",
        "Without DIR, reopens the last dataset opened, or shows a picker of recent datasets and folders."})
public final class OpenCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "DIR", description = "dataset root (kohya folders N_name, or train/ and reg/)")
    Path dir;

    @Option(names = "--theme", paramLabel = "NAME", description = {"danlu-dark (default), danlu-light, danlu-contrast, or a .properties path;",
            "without it, \"theme\" in ~/.config/danlu/state.json decides"})
    String theme;

    @Option(names = "--lang", paramLabel = "LANG", description = "en or zh (default: \"lang\" in state.json, else the locale)")
    String lang;

    @Option(names = "--mouse", description = "capture the mouse: click tabs, wheel scrolls (off by default)")
    boolean mouse;

    @Option(names = "--colors", paramLabel = "MODE", description = "auto (default: COLORTERM/TERM decide), true or 256")
    String colors = "auto";

    @Override
    public Integer call() {
        Path root = dir != null ? dir : LastDataset.read().orElse(null);
        if (root == null && System.console() == null) {
            // No terminal to show the picker on (piped, scripted): say what is missing.
            throw new IllegalArgumentException(LastDataset.remembered()
                    .map(gone -> "no dataset given, and the last one opened, " + gone + ", no longer exists")
                    .orElse("no dataset given and none opened before") + "; usage: danlu open DIR");
        }
        if (root != null && !Files.isDirectory(root)) {
            throw new IllegalArgumentException(root + " is not a folder; give the dataset root, e.g. danlu open ~/data/my-lora");
        }
        ColorDepth forced = switch (colors) {
            case "auto" -> null;
            case "true", "truecolor", "24bit" -> ColorDepth.TRUE_COLOR;
            case "256" -> ColorDepth.INDEXED_256;
            default -> throw new IllegalArgumentException("--colors must be auto, true or 256, got " + colors);
        };
        if (root == null) {
            Path here = Path.of("").toAbsolutePath();
            TuiOptions o = options(here, theme, lang, mouse, forced);
            return TuiApp.run(new TuiOptions(o.messages(), o.theme(), o.caps(), "", o.mouse()),
                    DatasetPicker.screens(pickerSetup(here)));
        }
        Path abs = root.toAbsolutePath().normalize();
        return TuiApp.run(options(abs, theme, lang, mouse, forced), studioFor(abs));
    }

    /**
     * The picker on the datasets opened before (saying so when the remembered last one is gone), browsing
     * from {@code start}; what it opens goes through {@link #studioFor}, exactly as {@code danlu open DIR}.
     */
    static PickerSetup pickerSetup(Path start) {
        Path gone = LastDataset.remembered().filter(p -> !Files.isDirectory(p)).orElse(null);
        return new PickerSetup(LastDataset.recent(), gone, start, OpenCommand::studioFor);
    }

    /** Remembers the dataset (last and recent) and gives the studio's screens on it. */
    static Consumer<Studio> studioFor(Path abs) {
        LastDataset.remember(abs);
        return DatasetStudio.screens(abs);
    }

    /** Studio options from the flags, falling back to the remembered settings (state.json), then the defaults. */
    static TuiOptions options(Path abs, String theme, String lang, boolean mouse, ColorDepth forced) {
        Messages messages = Messages.forLang(lang != null ? lang : LastDataset.setting("lang").orElse(null));
        String themeName = theme != null ? theme : LastDataset.setting("theme").orElse(ThemeFiles.DEFAULT);
        ThemeFiles.locate(themeName); // fail here, before the screen starts, with the list of themes
        return new TuiOptions(messages, themeName, TerminalCaps.detect(forced),
                abs.getFileName() == null ? abs.toString() : abs.getFileName().toString(), mouse);
    }
}
