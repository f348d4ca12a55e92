package org.danlu.app.tui;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.danlu.app.console.Completion;
import org.danlu.app.tui.screen.CaptionEdits;
import org.danlu.app.tui.screen.buckets.BucketsScreen;
import org.danlu.app.tui.screen.dataset.DatasetScreen;
import org.danlu.app.tui.screen.tags.TagsScreen;
import org.danlu.app.tui.state.Browse;
import org.danlu.app.tui.state.DatasetModel;
import org.danlu.app.tui.term.TerminalCaps;
import org.danlu.engine.dataset.DatasetScanner;

/**
 * Assembles the studio for one dataset: the shared model and browse state, the six screens in
 * their places, the {@code :} command runner, and the first scan, started on a worker so the
 * screen is up at once and fills in when the scan arrives.
 */
public final class DatasetStudio {
    private DatasetStudio() {
    }

    /** The scan's failure in words, with the locale fix when non-UTF-8 file names are the likely cause. */
    static String scanFailure(Studio studio, Exception e) {
        String why = studio.messages().get("dataset.scanFailed", e.getMessage());
        return TerminalCaps.utf8FileNames() ? why
                : why + " " + studio.messages().get("locale.notUtf8", System.getProperty("sun.jnu.encoding"));
    }

    public static Consumer<Studio> screens(Path root) {
        return screens(root, TrainingScreens.defaultWorkspace(), (studio, training) -> { });
    }

    /**
     * The six screens on dataset {@code root}, with runs under {@code workspace}; {@code ready} runs once they exist
     * (e.g. to open a run in the Train screen).
     */
    public static Consumer<Studio> screens(Path root, Path workspace, BiConsumer<Studio, TrainingScreens> ready) {
        return studio -> {
            DatasetModel model = new DatasetModel(root);
            Browse browse = new Browse(model);
            CaptionEdits edits = new CaptionEdits(studio, model, browse);
            studio.addScreen(new DatasetScreen(studio, model, browse));
            TagsScreen tags = new TagsScreen(studio, model, browse, edits);
            studio.addScreen(tags);
            studio.addScreen(new BucketsScreen(studio, model, browse));
            TrainingScreens training = TrainingScreens.add(studio, workspace, root);
            // The token count uses the tokenizer of the model being set on Params, found as training finds it.
            tags.followTrainingConfig(training.params()::config, workspace);
            studio.setCommandRunner(edits::run);
            studio.setCommandCompleter(line -> Completion.commandLine(line, model.tagsByFrequency()));
            // An edit interrupted by a crash is finished from its journal before the first scan, so the scan sees it.
            // Partial scans hop to the GUI thread as they come, so the lists fill from the first chunk of headers.
            studio.store().load(() -> Map.entry(model.editor().recover(), new DatasetScanner().scan(model.root(),
                            progress -> studio.store().post(() -> model.setPartialScan(progress)))),
                    loaded -> {
                        model.setScan(loaded.getValue());
                        loaded.getKey().ifPresent(r -> studio.flash(studio.messages().get("recover.done",
                                r.description(), r.changes().size(), r.conflicts().size()), !r.conflicts().isEmpty()));
                    },
                    e -> model.setLoadError(scanFailure(studio, e)));
            if (!TerminalCaps.utf8FileNames()) {
                studio.flash(studio.messages().get("locale.notUtf8", System.getProperty("sun.jnu.encoding")), true);
            }
            ready.accept(studio, training);
        };
    }
}
