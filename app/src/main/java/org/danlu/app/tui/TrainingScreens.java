package org.danlu.app.tui;

import java.nio.file.Path;
import org.danlu.app.tui.screen.params.ParamsScreen;
import org.danlu.app.tui.screen.runs.RunsScreen;
import org.danlu.app.tui.screen.train.TrainScreen;

/**
 * Adds the three training screens (Params, Train, Runs) to a studio, in places 4, 5 and 6, wired
 * to each other: Runs opens a run in Train, Train's detach goes back to Runs. Runs live under
 * {@code <workspace>/runs/}, the same folder {@code danlu runs} and {@code danlu monitor} read.
 */
public final class TrainingScreens {
    /** Screen indices (0-based) as the tab bar numbers them 4, 5, 6. */
    public static final int PARAMS = 3;
    public static final int TRAIN = 4;
    public static final int RUNS = 5;

    private final ParamsScreen params;
    private final TrainScreen train;
    private final RunsScreen runs;

    private TrainingScreens(ParamsScreen params, TrainScreen train, RunsScreen runs) {
        this.params = params;
        this.train = train;
        this.runs = runs;
    }

    /**
     * Adds the screens after the three dataset screens; {@code workspace} holds {@code runs/},
     * {@code dataset} is the dataset open in the studio (Params trains it unless the config names
     * another), and runs are started with {@code danlu train} ({@link ParamsScreen#DANLU_TRAIN}).
     */
    public static TrainingScreens add(Studio studio, Path workspace, Path dataset) {
        return add(studio, workspace, dataset, ParamsScreen.DANLU_TRAIN, ParamsScreen.defaultPresetDir());
    }

    /** As above, with the trainer command and the user preset folder given (tests). */
    public static TrainingScreens add(Studio studio, Path workspace, Path dataset,
                                      java.util.function.Function<org.danlu.engine.run.RunDir, org.danlu.engine.run.LaunchSpec> trainer,
                                      Path presetDir) {
        TrainScreen train = new TrainScreen(studio, workspace, () -> studio.show(RUNS));
        RunsScreen runs = new RunsScreen(studio, workspace, run -> {
            train.attach(run);
            studio.show(TRAIN);
        });
        ParamsScreen params = new ParamsScreen(studio, workspace, dataset, run -> {
            train.attach(run);
            studio.show(TRAIN);
        }, trainer, presetDir);
        studio.addScreen(params);
        studio.addScreen(train);
        studio.addScreen(runs);
        return new TrainingScreens(params, train, runs);
    }

    /** The workspace for the studio: the current directory, as for {@code danlu runs}. */
    public static Path defaultWorkspace() {
        return Path.of("").toAbsolutePath();
    }

    public ParamsScreen params() {
        return params;
    }

    public TrainScreen train() {
        return train;
    }

    public RunsScreen runs() {
        return runs;
    }
}
