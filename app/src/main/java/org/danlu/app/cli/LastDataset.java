package org.danlu.app.cli;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Remembers the last dataset opened in the studio, in {@code state.json} under the Danlu config
 * folder ({@code $XDG_CONFIG_HOME/danlu}, else {@code ~/.config/danlu}; the {@code danlu.config.dir}
 * system property overrides both, for tests), together with a short most-recent-first list of the
 * datasets opened before ({@code "recent"}, for the picker). Other keys in the file are kept.
 */
public final class LastDataset {
    /** How many datasets {@code "recent"} keeps. */
    public static final int RECENT_MAX = 10;
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
        return remembered().filter(Files::isDirectory);
    }

    /** The last dataset remembered, whether or not it still exists (the picker says when it is gone). */
    public static Optional<Path> remembered() {
        JsonObject o = load();
        return pathOf(o.get("lastDataset"));
    }

    /**
     * The datasets opened before, most recent first, at most {@link #RECENT_MAX}, including ones that no
     * longer exist. A state file from before the list existed gives its last dataset alone.
     */
    public static List<Path> recent() {
        JsonObject o = load();
        List<Path> out = new ArrayList<>();
        if (o.has("recent") && o.get("recent").isJsonArray()) {
            for (JsonElement e : o.getAsJsonArray("recent")) {
                pathOf(e).filter(p -> !out.contains(p)).ifPresent(out::add);
            }
        } else {
            pathOf(o.get("lastDataset")).ifPresent(out::add);
        }
        return out.size() > RECENT_MAX ? List.copyOf(out.subList(0, RECENT_MAX)) : List.copyOf(out);
    }

    private static Optional<Path> pathOf(JsonElement e) {
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString() || e.getAsString().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(e.getAsString()));
        } catch (java.nio.file.InvalidPathException bad) {
            return Optional.empty();
        }
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

    /**
     * Remembers a dataset as the last one and at the head of the recent list (moved there if it was already
     * in it; the oldest falls off past {@link #RECENT_MAX}). Failures are ignored: remembering is a
     * convenience, never a reason to fail.
     */
    public static void remember(Path dataset) {
        try {
            JsonObject o = load();
            Path abs = dataset.toAbsolutePath().normalize();
            List<Path> before = recent();
            o.addProperty("lastDataset", abs.toString());
            JsonArray list = new JsonArray();
            list.add(abs.toString());
            for (Path p : before) {
                if (list.size() < RECENT_MAX && !p.equals(abs)) {
                    list.add(p.toString());
                }
            }
            o.add("recent", list);
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
