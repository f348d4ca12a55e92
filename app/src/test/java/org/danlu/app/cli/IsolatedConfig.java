package org.danlu.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh Danlu config folder per test ({@code danlu.config.dir}), so no test reads or writes the
 * user's {@code ~/.config/danlu/state.json}. Register with {@code @RegisterExtension}.
 */
final class IsolatedConfig implements BeforeEachCallback, AfterEachCallback {
    private Path dir;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("danlu-config");
        System.setProperty("danlu.config.dir", dir.toString());
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        System.clearProperty("danlu.config.dir");
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Where the studio keeps the last dataset, the recent list and its settings. */
    Path stateFile() {
        return dir.resolve("state.json");
    }
}
