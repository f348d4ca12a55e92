package org.danlu.engine.model.load;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.danlu.engine.tensor.PickleRefusal;
import org.danlu.engine.tensor.SafetensorsFile;

/**
 * A Stable Diffusion checkpoint opened for lazy loading: its layout, architecture, where its configs came from,
 * and per model the diffusers-named tensors. Holds the safetensors files open (memory-mapped on demand) until
 * closed. Open with {@link #open(Path)}; {@link #component} answers for supported architectures only.
 */
public final class Checkpoint implements AutoCloseable {
    private final Path path;
    private final Layout layout;
    private final Architecture architecture;
    private final ConfigSource configSource;
    private final String predictionType;
    private final List<String> notes;
    private final Map<Component, ComponentWeights> components;
    private final List<String> unexpected;
    private final int ignored;
    private final Map<String, Long> rawGroups;
    private final Map<Path, SafetensorsFile> files;

    private Checkpoint(CheckpointBuilder b) {
        this.path = b.path;
        this.layout = b.layout;
        this.architecture = b.architecture;
        this.configSource = b.configSource;
        this.predictionType = b.predictionType;
        this.notes = List.copyOf(b.notes);
        this.components = Collections.unmodifiableMap(new EnumMap<>(b.components));
        this.unexpected = List.copyOf(b.unexpected);
        this.ignored = b.ignored;
        this.rawGroups = Collections.unmodifiableMap(new LinkedHashMap<>(b.rawGroups));
        this.files = b.files;
    }

    /** Opens a diffusers folder or a single .safetensors file, configs from the folder / yaml beside / defaults. */
    public static Checkpoint open(Path path) throws IOException {
        return open(path, null);
    }

    /**
     * As {@link #open(Path)}; {@code configFolder}, when not null, is a diffusers folder whose
     * {@code <model>/config.json} files replace the derived configs of a single file (diffusers'
     * {@code from_single_file(config=...)}).
     */
    public static Checkpoint open(Path path, Path configFolder) throws IOException {
        CheckpointBuilder b = new CheckpointBuilder(path);
        try {
            if (Files.isDirectory(path)) {
                DiffusersFolderLayout.open(b);
            } else if (Files.isRegularFile(path)) {
                PickleRefusal.check(path);
                SingleFileLayout.open(b, configFolder);
            } else {
                throw new IOException(path + ": no such file or folder");
            }
            return new Checkpoint(b);
        } catch (IOException | RuntimeException e) {
            b.closeFiles();
            throw e;
        }
    }

    static JsonObject readJson(Path p) throws IOException {
        try {
            JsonElement e = JsonParser.parseString(Files.readString(p, StandardCharsets.UTF_8));
            if (!e.isJsonObject()) {
                throw new IOException(p + ": expected a JSON object");
            }
            return e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IOException(p + ": not valid JSON (" + e.getMessage() + ")");
        }
    }

    public Path path() {
        return path;
    }

    public Layout layout() {
        return layout;
    }

    public Architecture architecture() {
        return architecture;
    }

    public ConfigSource configSource() {
        return configSource;
    }

    /** "epsilon" or "v_prediction" (diffusers' scheduler names). */
    public String predictionType() {
        return predictionType;
    }

    /** Anything odd: disagreements, guesses, duplicates, what is absent. */
    public List<String> notes() {
        return notes;
    }

    /** The models this checkpoint holds (empty for an unsupported architecture). */
    public Map<Component, ComponentWeights> components() {
        return components;
    }

    public ComponentWeights component(Component c) throws IOException {
        if (!architecture.supported()) {
            throw new IOException(path + ": " + architecture.display() + " checkpoints are not yet supported (SD1.x and SD2.x are)");
        }
        ComponentWeights w = components.get(c);
        if (w == null) {
            throw new IOException(path + ": this checkpoint has no " + c.folder());
        }
        return w;
    }

    /** Keys of a single file that belong to no model (no known prefix). */
    public List<String> unexpected() {
        return unexpected;
    }

    /** How many stored tensors were deliberately skipped (EMA, schedule buffers, position_ids, unused layers). */
    public int ignoredCount() {
        return ignored;
    }

    /** Scalars per top-level key group of a single file (for reporting an unsupported file); empty for folders. */
    public Map<String, Long> rawGroups() {
        return rawGroups;
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (SafetensorsFile f : files.values()) {
            try {
                f.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
