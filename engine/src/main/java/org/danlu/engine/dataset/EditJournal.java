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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The undo journal under {@code <dataset>/.danlu/journal/}: one JSON file per bulk edit
 * ({@code 000001.json}) holding every changed caption's bytes before and after, and a {@code head}
 * file with the id of the last applied edit. Entries above head can be redone until a new edit
 * replaces them. Everything here is written atomically and fsynced, so it survives a crash or restart.
 *
 * <p>While captions are being written for an edit, undo or redo, a {@code pending} file names the
 * entry and the direction; it is removed once the captions are durable. A {@code pending} file found
 * on open means the writes were interrupted: {@link JournalRecovery} finishes them.
 */
final class EditJournal {

    /**
     * One caption's bytes before and after an edit (Base64; null where there is no file) with the
     * SHA-256 of each, so a damaged journal is noticed instead of written into a caption; path is
     * relative to the dataset root. Entries written before the hashes existed have null hashes.
     */
    record FileEdit(String path, String before, String after, String beforeSha256, String afterSha256) {
        byte[] beforeBytes() {
            return decode(before, beforeSha256);
        }

        byte[] afterBytes() {
            return decode(after, afterSha256);
        }

        /** The bytes the file should have after walking this edit forward (redo) or back (undo). */
        byte[] target(boolean forward) {
            return forward ? afterBytes() : beforeBytes();
        }

        byte[] source(boolean forward) {
            return forward ? beforeBytes() : afterBytes();
        }

        private byte[] decode(String b64, String sha) {
            if (b64 == null) {
                return null;
            }
            byte[] b = Base64.getDecoder().decode(b64);
            if (sha != null && !sha.equals(sha256(b))) {
                throw new IllegalStateException("the journal's copy of " + path + " is damaged (hash mismatch)");
            }
            return b;
        }

        static FileEdit of(String path, byte[] before, byte[] after) {
            return new FileEdit(path, encode(before), encode(after), sha256(before), sha256(after));
        }

        private static String encode(byte[] b) {
            return b == null ? null : Base64.getEncoder().encodeToString(b);
        }

        static String sha256(byte[] b) {
            if (b == null) {
                return null;
            }
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e); // every Java 17 runtime has SHA-256
            }
        }
    }

    /** Captions of entry {@code id} are being walked forward (edit, redo) or back (undo) since start. */
    record Pending(int id, boolean forward, long start) {
    }

    /** @param label what the user was shown for the edit, or null (command line, journals from before labels) */
    record Entry(int id, long time, String description, String label, List<FileEdit> files) {
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

    Optional<Pending> pending() throws IOException {
        Path p = dir.resolve("pending");
        if (!Files.exists(p)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(GSON.fromJson(Files.readString(p, StandardCharsets.UTF_8), Pending.class));
        } catch (JsonParseException e) {
            throw new IOException(p + " is damaged: " + e.getMessage() + "; delete it (the last edit may be half done)");
        }
    }

    void begin(Pending p) throws IOException {
        Files.createDirectories(dir);
        AtomicFile.write(dir.resolve("pending"), GSON.toJson(p).getBytes(StandardCharsets.UTF_8));
    }

    /** Marks the pending walk complete: its captions are durable. */
    void finish() throws IOException {
        Files.deleteIfExists(dir.resolve("pending"));
        AtomicFile.syncDir(dir);
    }

    /**
     * Records a new edit after head, dropping entries that could have been redone; returns its id.
     * The walk is marked pending before the entry is written (so a crash in between never leaves an
     * unapplied entry that looks redoable); head is left alone for the caller to move.
     */
    int append(String description, List<FileEdit> files) throws IOException {
        return append(description, null, files);
    }

    int append(String description, String label, List<FileEdit> files) throws IOException {
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
        Entry e = new Entry(id, System.currentTimeMillis(), description, label, files);
        begin(new Pending(id, true, e.time()));
        AtomicFile.write(dir.resolve(String.format("%06d.json", id)), GSON.toJson(e).getBytes(StandardCharsets.UTF_8));
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
