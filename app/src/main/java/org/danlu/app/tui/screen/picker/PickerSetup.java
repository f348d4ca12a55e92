package org.danlu.app.tui.screen.picker;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.danlu.app.tui.Studio;

/**
 * What the picker starts with and what opening means.
 *
 * @param recent      datasets opened before, most recent first (some may be gone)
 * @param missingLast the remembered last dataset when it no longer exists (said at the top), else null
 * @param start       the folder the browser starts in (the current directory)
 * @param studioFor   the studio's screens for a dataset folder (absolute, normalised); called once, on the
 *                    GUI thread, when the user opens it (the place to remember it, like {@code danlu open})
 */
public record PickerSetup(List<Path> recent, Path missingLast, Path start, Function<Path, Consumer<Studio>> studioFor) {
    public PickerSetup {
        recent = List.copyOf(recent);
        start = start.toAbsolutePath().normalize();
    }
}
