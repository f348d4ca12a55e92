package org.danlu.app.tui.state;

import java.nio.file.Path;

/**
 * Where Danlu keeps its own small files (state.json, console history, crash.log):
 * {@code $XDG_CONFIG_HOME/danlu}, else {@code ~/.config/danlu}; the {@code danlu.config.dir} system
 * property overrides both (tests, and DANLU_JAVA_OPTS for a sandbox).
 */
public final class ConfigDir {
    private ConfigDir() {
    }

    public static Path get() {
        String forced = System.getProperty("danlu.config.dir");
        if (forced != null && !forced.isBlank()) {
            return Path.of(forced);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("danlu");
    }
}
