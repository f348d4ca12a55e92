package org.danlu.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaunchSpecTest {

    @Test
    void relativeClassPathEntriesAreMadeAbsoluteBecauseTheTrainerRunsInItsRunDirectory() {
        String cwd = Path.of("").toAbsolutePath().toString();
        assertEquals(cwd + "/engine/target/classes:/opt/lib/a.jar:" + cwd + "/lib/b.jar",
                LaunchSpec.absolute("engine/target/classes:/opt/lib/a.jar::./lib/b.jar"));
    }

    @Test
    void commandLineAndItsShortDescription() {
        LaunchSpec spec = new LaunchSpec(Path.of("/usr/bin/java"), List.of("-Xmx2g"), "/a.jar:/b.jar",
                "org.danlu.engine.train.TrainerMain", List.of("--run", "/w/runs/x"));
        assertEquals(List.of("/usr/bin/java", "-Xmx2g", "-cp", "/a.jar:/b.jar", "org.danlu.engine.train.TrainerMain",
                "--run", "/w/runs/x"), spec.command());
        assertEquals("/usr/bin/java -Xmx2g -cp <2 class path entries> org.danlu.engine.train.TrainerMain --run /w/runs/x",
                spec.describe());
        assertThrows(IllegalArgumentException.class, () -> LaunchSpec.of(" ", List.of()));
    }
}
