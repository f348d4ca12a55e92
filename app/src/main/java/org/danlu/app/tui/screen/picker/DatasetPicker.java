package org.danlu.app.tui.screen.picker;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.danlu.app.tui.Studio;

/**
 * The picker as a studio of one screen: the same tab bar, status bar, help and quit as the studio.
 * Opening a dataset replaces it, in the same session, by the studio {@link PickerSetup#studioFor} makes.
 */
public final class DatasetPicker {
    private DatasetPicker() {
    }

    public static Consumer<Studio> screens(PickerSetup setup) {
        return studio -> studio.addScreen(new PickerScreen(studio, setup,
                dir -> studio.switchTo(titleOf(dir), setup.studioFor().apply(dir))));
    }

    /** The studio's title for a dataset: its folder name, as {@code danlu open} shows it. */
    public static String titleOf(Path dir) {
        return dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
    }
}
