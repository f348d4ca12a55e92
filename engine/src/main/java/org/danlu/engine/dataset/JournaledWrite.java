package org.danlu.engine.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the captions of one journal walk (edit, undo, redo, recovery) whose before and after bytes
 * are already in an fsynced journal entry marked pending. Each caption is replaced by temp file and
 * rename without its own fsync (two fsyncs per caption made a 10,000-caption rename take a minute);
 * then every touched folder is fsynced once, so the renames are on disk, and the file systems are
 * flushed once ({@code sync -f}, i.e. syncfs), so the new bytes are too. Only after that may the
 * caller mark the entry complete. Where {@code sync -f} is missing, each file is fsynced instead.
 */
final class JournaledWrite {

    private JournaledWrite() {
    }

    /** Writes each file's bytes (null deletes the file), then makes all of it durable. */
    static void write(Map<Path, byte[]> files) throws IOException {
        Set<Path> dirs = new LinkedHashSet<>();
        for (Map.Entry<Path, byte[]> f : files.entrySet()) {
            if (f.getValue() == null) {
                Files.deleteIfExists(f.getKey());
            } else {
                AtomicFile.replace(f.getKey(), f.getValue(), false);
            }
            dirs.add(f.getKey().toAbsolutePath().getParent());
        }
        for (Path d : dirs) {
            AtomicFile.syncDir(d);
        }
        if (!syncFileSystems(dirs)) {
            for (Map.Entry<Path, byte[]> f : files.entrySet()) {
                if (f.getValue() != null) {
                    try (var ch = java.nio.channels.FileChannel.open(f.getKey(), java.nio.file.StandardOpenOption.WRITE)) {
                        ch.force(true);
                    }
                }
            }
        }
    }

    /** One syncfs per file system holding these folders; false when it could not be run. */
    private static boolean syncFileSystems(Set<Path> dirs) {
        if (dirs.isEmpty()) {
            return true;
        }
        List<String> cmd = new ArrayList<>(List.of("sync", "-f", "--"));
        dirs.forEach(d -> cmd.add(d.toString()));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false; // no sync(1) on this system
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
