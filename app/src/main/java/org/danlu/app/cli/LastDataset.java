package org.danlu.app.cli;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Remembers the last dataset opened in the studio, in {@code state.json} under the Danlu config
 * folder ({@code $XDG_CONFIG_HOME/danlu}, else {@code ~/.config/danlu}; the {@code danlu.config.dir}
 * system property overrides both, for tests). Other keys in the file are kept.
 */
public final class LastDataset {
    private static final Gson GSON = new Gson();

    private LastDataset() {
    }

    public static Path configDir() {
        return org.danlu.app.tui.state.ConfigDir.get();
    }

    static Path stateFile() {
        return configDir().resolve("state.json");
    }

    /** The last dataset, if one was remembered and still exists. */
    public static Optional<Path> read() {
        JsonObject o = load();
        if (o.has("lastDataset") && o.get("lastDataset").isJsonPrimitive()) {
            Path p = Path.of(o.get("lastDataset").getAsString());
            if (Files.isDirectory(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * A studio setting kept in state.json beside the last dataset ({@code "theme"}, {@code "lang"}),
     * used when the command line does not give one.
     */
    public static Optional<String> setting(String key) {
        JsonObject o = load();
        if (o.has(key) && o.get(key).isJsonPrimitive()) {
            String v = o.get(key).getAsString();
            return v.isBlank() ? Optional.empty() : Optional.of(v);
        }
        return Optional.empty();
    }

    /** Remembers a dataset; failures are ignored (remembering is a convenience, never a reason to fail). */
    public static void remember(Path dataset) {
        try {
            JsonObject o = load();
            o.addProperty("lastDataset", dataset.toAbsolutePath().normalize().toString());
            Path file = stateFile();
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("state.json.tmp");
            Files.writeString(tmp, GSON.toJson(o), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // Not remembering the dataset costs the user one argument next time; say nothing.
        }
    }

    private static JsonObject load() {
        try {
            String text = Files.readString(stateFile(), StandardCharsets.UTF_8);
            JsonObject o = GSON.fromJson(text, JsonObject.class);
            return o == null ? new JsonObject() : o;
        } catch (IOException | JsonParseException | ClassCastException e) {
            return new JsonObject();
        }
    }
}
