package org.danlu.app.tui.screen.params;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.danlu.engine.config.ConfigFile;
import org.danlu.engine.config.ConfigFileReader;
import org.danlu.engine.config.ConfigFileWriter;
import org.danlu.engine.config.Presets;
import org.danlu.engine.config.TrainConfig;

/**
 * Where configurations come from and go to: the engine's built-in presets, user presets (kohya
 * TOML files in a folder, {@code ~/.config/danlu/presets} by default), and any TOML file. Saving
 * goes through the engine's writer: atomic, and it refuses to overwrite a file that changed on disk
 * or one that was never read (so nothing the user saved is silently rewritten).
 */
final class ParamsFiles {
    private final Path userPresets;

    ParamsFiles(Path userPresets) {
        this.userPresets = userPresets;
    }

    static Path defaultPresetDir() {
        return Path.of(System.getProperty("user.home"), ".config", "danlu", "presets");
    }

    /** Built-in names, then the user's presets (file names without .toml), sorted. */
    List<String> presetNames() {
        List<String> names = new ArrayList<>(Presets.NAMES);
        if (Files.isDirectory(userPresets)) {
            try (Stream<Path> s = Files.list(userPresets)) {
                s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".toml"))
                        .map(n -> n.substring(0, n.length() - 5)).sorted().forEach(names::add);
            } catch (IOException e) {
                // An unreadable folder just offers the built-in presets.
            }
        }
        return names;
    }

    /** A built-in preset, or a user preset of that name. */
    ConfigFile preset(String name) throws IOException {
        Path user = userPresets.resolve(name + ".toml");
        if (Files.isRegularFile(user)) {
            return ConfigFileReader.read(user);
        }
        return Presets.load(name); // throws naming the presets there are
    }

    /** Saves {@code cfg} as a user preset; replaces an older preset of that name. */
    Path savePreset(String name, TrainConfig cfg) throws IOException {
        if (!name.matches("[\\p{L}\\p{N}_.-]+")) {
            throw new IllegalArgumentException("preset name \"" + name + "\": use letters, digits, - _ . only");
        }
        Files.createDirectories(userPresets);
        Path file = userPresets.resolve(name + ".toml");
        ConfigFile old = Files.isRegularFile(file) ? ConfigFileReader.read(file) : null;
        ConfigFileWriter.save(file, old, cfg, List.of("Danlu user preset \"" + name + "\"."));
        return file;
    }

    /** Saves to {@code path}: a patch of {@code original} when it is the file that was read, else a new file. */
    static ConfigFile save(Path path, ConfigFile original, Path originalPath, TrainConfig cfg) throws IOException {
        boolean same = originalPath != null && original != null && Files.exists(path)
                && Files.isSameFile(path, originalPath);
        ConfigFileWriter.save(path, same ? original : null, cfg, List.of("Saved by the Danlu studio."));
        return ConfigFileReader.read(path);
    }
}
