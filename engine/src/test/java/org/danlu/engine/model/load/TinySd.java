package org.danlu.engine.model.load;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared tiny-sd fixture; a missing ../shared is a failure with the reason, never a skip. */
final class TinySd {
    static final Path ROOT = Path.of("../shared/fixtures/tiny-sd");

    private TinySd() {}

    static Path path(String rel) {
        Path p = ROOT.resolve(rel);
        assertTrue(Files.exists(p), "missing fixture " + p.toAbsolutePath() + ": ../shared must sit beside the project");
        return p;
    }

    static Path folder() {
        path("model_index.json");
        return ROOT;
    }

    static Path singleFile() {
        return path("tiny-sd-ldm.safetensors");
    }
}
