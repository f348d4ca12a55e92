package org.danlu.engine.dataset;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The undo journal under {@code <dataset>/.danlu/journal/}: one JSON file per bulk edit
 * ({@code 000001.json}) holding every changed caption's bytes before and after, and a {@code head}
 * file with the id of the last applied edit. Entries above head can be redone until a new edit
 * replaces them. Everything is written atomically, so it survives a crash or restart.
 */
final class EditJournal {

    /** One caption's bytes before and after an edit; path is relative to the dataset root. */
    record FileEdit(String path, String before, String after) {
        byte[] beforeBytes() {
            return Base64.getDecoder().decode(before);
        }

        byte[] afterBytes() {
            return Base64.getDecoder().decode(after);
        }

        static FileEdit of(String path, byte[] before, byte[] after) {
            return new FileEdit(path, Base64.getEncoder().encodeToString(before),
                    Base64.getEncoder().encodeToString(after));
        }
    }

    record Entry(int id, long time, String description, List<FileEdit> files) {
    }

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();
    private final Path dir;

    EditJournal(Path datasetRoot) {
        this.dir = datasetRoot.resolve(".danlu").resolve("journal");
    }

    Path dir() {
        return dir;
    }

    int head() throws IOException {
        try {
            String s = Files.readString(dir.resolve("head"), StandardCharsets.UTF_8).strip();
            return s.isEmpty() ? 0 : Integer.parseInt(s);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (NumberFormatException e) {
            throw new IOException(dir.resolve("head") + " is damaged (not a number); delete it to start a new journal");
        }
    }

    void setHead(int id) throws IOException {
        Files.createDirectories(dir);
        AtomicFile.write(dir.resolve("head"), (id + "\n").getBytes(StandardCharsets.UTF_8));
    }

    Optional<Entry> entry(int id) throws IOException {
        Path p = dir.resolve(String.format("%06d.json", id));
        if (id <= 0 || !Files.exists(p)) {
            return Optional.empty();
        }
        try {
            return Optional.of(GSON.fromJson(Files.readString(p, StandardCharsets.UTF_8), Entry.class));
        } catch (JsonParseException e) {
            throw new IOException(p + " is damaged: " + e.getMessage() + "; delete it and later entries to continue");
        }
    }

    /** Records a new edit after head, dropping entries that could have been redone; returns its id. */
    int append(String description, List<FileEdit> files) throws IOException {
        Files.createDirectories(dir);
        int id = head() + 1;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.json")) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.matches("\\d{6}\\.json") && Integer.parseInt(n.substring(0, 6)) >= id) {
                    Files.delete(p);
                }
            }
        }
        Entry e = new Entry(id, System.currentTimeMillis(), description, files);
        AtomicFile.write(dir.resolve(String.format("%06d.json", id)), GSON.toJson(e).getBytes(StandardCharsets.UTF_8));
        setHead(id);
        return id;
    }

    /** Every entry in order (applied ones are those with id at most head). */
    List<Entry> entries() throws IOException {
        List<Entry> out = new ArrayList<>();
        for (int id = 1; ; id++) {
            Optional<Entry> e = entry(id);
            if (e.isEmpty()) {
                return out;
            }
            out.add(e.get());
        }
    }
}
