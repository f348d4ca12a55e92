package org.danlu.engine.config;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds {@code ../shared} (beside the project root) from the module or the root directory. */
final class SharedFiles {

    private SharedFiles() {
    }

    static Path path(String relative) {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolve("../shared").normalize().resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("../shared/" + relative + " is missing: the project must sit beside the shared"
                + " folder (/work/shared) that holds the kohya_ss GUI examples; searched upwards from " + dir);
    }
}
