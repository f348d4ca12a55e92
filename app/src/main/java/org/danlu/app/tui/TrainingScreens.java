package org.danlu.app.tui;

import java.nio.file.Path;
import org.danlu.app.tui.screen.placeholder.ComingScreen;
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

    private final TrainScreen train;
    private final RunsScreen runs;

    private TrainingScreens(TrainScreen train, RunsScreen runs) {
        this.train = train;
        this.runs = runs;
    }

    /** Adds the screens after the three dataset screens; {@code workspace} holds {@code runs/}. */
    public static TrainingScreens add(Studio studio, Path workspace) {
        TrainScreen train = new TrainScreen(studio, workspace, () -> studio.show(RUNS));
        RunsScreen runs = new RunsScreen(studio, workspace, run -> {
            train.attach(run);
            studio.show(TRAIN);
        });
        studio.addScreen(new ComingScreen("screen.params", studio.messages()));
        studio.addScreen(train);
        studio.addScreen(runs);
        return new TrainingScreens(train, runs);
    }

    /** The workspace for the studio: the current directory, as for {@code danlu runs}. */
    public static Path defaultWorkspace() {
        return Path.of("").toAbsolutePath();
    }

    public TrainScreen train() {
        return train;
    }

    public RunsScreen runs() {
        return runs;
    }
}
