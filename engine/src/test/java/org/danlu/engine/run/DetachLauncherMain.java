package org.danlu.engine.run;

import java.nio.file.Path;
import java.util.List;

/**
 * Stands in for the UI process in the detach test: creates a run, launches
 * {@link ScriptedTrainerMain} through {@link Launcher}, prints {@code RUN <dir> <launcher-pid>}
 * and then idles until the test kills it.
 *
 * <p>Args: {@code WORKSPACE STEPS STEP_MILLIS}.
 */
public final class DetachLauncherMain {
    public static void main(String[] args) throws Exception {
        RunDir run = RunDir.create(Path.of(args[0]), "detach", "# test\n");
        Launcher.launch(run, LaunchSpec.of(ScriptedTrainerMain.class.getName(), List.of(run.path().toString(), args[1], args[2])));
        System.out.println("RUN " + run.path() + " " + ProcessHandle.current().pid());
        System.out.flush();
        Thread.sleep(60_000);
    }
}
