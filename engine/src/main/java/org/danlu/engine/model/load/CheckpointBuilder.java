package org.danlu.engine.model.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.danlu.engine.tensor.SafetensorsFile;

/** What {@link DiffusersFolderLayout} and {@link SingleFileLayout} find while opening a checkpoint. */
final class CheckpointBuilder {
    final Path path;
    Layout layout;
    Architecture architecture;
    ConfigSource configSource;
    String predictionType;
    final List<String> notes = new ArrayList<>();
    final Map<Component, ComponentWeights> components = new EnumMap<>(Component.class);
    final List<String> unexpected = new ArrayList<>();
    int ignored;
    final Map<String, Long> rawGroups = new LinkedHashMap<>();
    final Map<Path, SafetensorsFile> files = new LinkedHashMap<>();

    CheckpointBuilder(Path path) {
        this.path = path;
    }

    SafetensorsFile file(Path p) throws IOException {
        SafetensorsFile f = files.get(p);
        if (f == null) {
            f = SafetensorsFile.open(p);
            files.put(p, f);
        }
        return f;
    }

    SafetensorsFile fileUnchecked(Path p) {
        try {
            return file(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void closeFiles() {
        for (SafetensorsFile f : files.values()) {
            try {
                f.close();
            } catch (IOException ignored) {
                // already failing; the first error is the one to report
            }
        }
    }
}
