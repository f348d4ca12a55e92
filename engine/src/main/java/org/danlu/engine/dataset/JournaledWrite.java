package org.danlu.engine.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
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

    private static final long PID = ProcessHandle.current().pid();

    private JournaledWrite() {
    }

    /** Writes each file's bytes (null deletes the file), then makes all of it durable. */
    static void write(Map<Path, byte[]> files) throws IOException {
        DefaultPermissions defaults = new DefaultPermissions();
        try {
            // Folder operations on small files wait on the file system, not the CPU: a few threads help.
            files.entrySet().parallelStream().forEach(f -> {
                try {
                    if (f.getValue() == null) {
                        Files.deleteIfExists(f.getKey());
                    } else {
                        replace(f.getKey(), f.getValue(), defaults);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Set<Path> dirs = new LinkedHashSet<>();
        files.keySet().forEach(p -> dirs.add(p.toAbsolutePath().getParent()));
        for (Path d : dirs) {
            AtomicFile.syncDir(d);
        }
        if (!syncFileSystems(dirs)) {
            for (Map.Entry<Path, byte[]> f : files.entrySet()) {
                if (f.getValue() != null) {
                    try (FileChannel ch = FileChannel.open(f.getKey(), StandardOpenOption.WRITE)) {
                        ch.force(true);
                    }
                }
            }
        }
    }

    /**
     * Temp file beside the target (named by this process id, so two processes never share one; a
     * leftover from a crash is replaced), the target's permissions, rename over the target. One open
     * and no fsync: about half the system calls of {@link AtomicFile#write} minus its two fsyncs.
     */
    private static void replace(Path target, byte[] data, DefaultPermissions defaults) throws IOException {
        Set<PosixFilePermission> perms = permissions(target);
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + PID + ".danlu-tmp");
        try {
            try {
                Files.write(tmp, data, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                Files.delete(tmp);
                Files.write(tmp, data, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
            if (perms != null && !perms.equals(defaults.of(tmp))) {
                Files.setPosixFilePermissions(tmp, perms); // most captions have the default: no chmod
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** The permissions a new file gets here (from the umask), learnt from the first temp file. */
    private static final class DefaultPermissions {
        private volatile Set<PosixFilePermission> perms;

        Set<PosixFilePermission> of(Path tmp) {
            Set<PosixFilePermission> p = perms;
            if (p == null) {
                p = permissions(tmp);
                perms = p;
            }
            return p;
        }
    }

    /** The target's permissions to keep; null for a new file or a file system without them. */
    private static Set<PosixFilePermission> permissions(Path target) {
        try {
            return Files.getPosixFilePermissions(target);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
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
