package org.danlu.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.danlu.app.tui.DatasetStudio;
import org.danlu.app.tui.TuiApp;
import org.danlu.app.tui.TuiOptions;
import org.danlu.app.tui.i18n.Messages;
import org.danlu.app.tui.term.ColorDepth;
import org.danlu.app.tui.term.TerminalCaps;
import org.danlu.app.tui.term.ThemeFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code danlu open [DIR]}: the full-screen studio on a dataset (the last one when DIR is left out). */
@Command(name = "open", description = {"Open the studio (full-screen terminal UI) on a dataset folder.",
        "Without DIR, reopens the last dataset opened."})
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
        Path root = dir != null ? dir : LastDataset.read().orElseThrow(() -> new IllegalArgumentException(
                "no dataset given and none opened before; usage: danlu open DIR"));
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(root + " is not a folder; give the dataset root, e.g. danlu open ~/data/my-lora");
        }
        ColorDepth forced = switch (colors) {
            case "auto" -> null;
            case "true", "truecolor", "24bit" -> ColorDepth.TRUE_COLOR;
            case "256" -> ColorDepth.INDEXED_256;
            default -> throw new IllegalArgumentException("--colors must be auto, true or 256, got " + colors);
        };
        LastDataset.remember(root);
        Path abs = root.toAbsolutePath().normalize();
        return TuiApp.run(options(abs, theme, lang, mouse, forced), DatasetStudio.screens(abs));
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
