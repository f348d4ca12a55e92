package org.danlu.engine.train;

import java.nio.file.Path;
import org.danlu.engine.run.Event;
import org.danlu.engine.run.RunDir;

/** A real trainer process for tests: {@code TrainProcessMain CONFIG RUN_DIR BASE_DIR}, as `danlu train --detach` runs. */
public final class TrainProcessMain {
    private TrainProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("ai.djl.pytorch.num_threads", "1");
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        TrainRequest req = TrainRequest.read(Path.of(args[0]), null, Path.of(args[2]));
        Event.End.Status s = TrainRun.run(new RunDir(Path.of(args[1])), req, SampleHook.NONE, null);
        System.exit(s == Event.End.Status.DONE ? 0 : 1);
    }
}
