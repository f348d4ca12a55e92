package org.danlu.engine.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes the captions of one journal walk (edit, undo, redo, recovery) whose before and after bytes
 * are already in an fsynced journal entry marked pending. An existing caption is overwritten in
 * place: no temp file, no rename. On ext4 a rename over a file forces the new file's blocks to be
 * allocated and frees the old inode, which made a 10,000-caption rename cost three times the
 * writes themselves; in place also keeps the file's inode, mode, owner and links, and writes
 * through a symlink instead of replacing it. A write cut short (kill, power loss, full disk) leaves
 * the target's first bytes over the source's, a state {@link JournalRecovery} recognises and
 * finishes from the journal; a write that fails puts the source bytes back at once. New captions
 * are created by temp file and rename, so no half-written new file is ever seen; a read-only
 * caption is replaced the same way, keeping its mode, as before. Then every touched folder is
 * fsynced once and the file systems are flushed once ({@code sync -f}, i.e. syncfs), so the new
 * bytes are on disk before the caller marks the entry complete. Where {@code sync -f} is missing,
 * each file is fsynced instead.
 */
final class JournaledWrite {

    private static final long PID = ProcessHandle.current().pid();

    private JournaledWrite() {
    }

    /**
     * One caption of a walk: the bytes it holds now (null: absent) and the bytes to leave there (null:
     * delete it).
     */
    record FileWrite(Path path, byte[] before, byte[] after) {
    }

    /** Writes each file, then makes all of it durable. */
    static void write(List<FileWrite> files) throws IOException {
        DefaultPermissions defaults = new DefaultPermissions();
        try {
            // Small-file writes wait on the file system, not the CPU: a few threads help.
            files.parallelStream().forEach(f -> {
                try {
                    if (f.after() == null) {
                        Files.deleteIfExists(f.path());
                    } else if (f.before() == null) {
                        replace(f.path(), f.after(), defaults);
                    } else {
                        overwrite(f, defaults);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Set<Path> dirs = new LinkedHashSet<>();
        files.forEach(f -> dirs.add(f.path().toAbsolutePath().getParent()));
        for (Path d : dirs) {
            AtomicFile.syncDir(d);
        }
        if (!syncFileSystems(dirs)) {
            for (FileWrite f : files) {
                if (f.after() != null) {
                    try (FileChannel ch = FileChannel.open(f.path(), StandardOpenOption.WRITE)) {
                        ch.force(true);
                    }
                }
            }
        }
    }

    /**
     * The after bytes over the before bytes, then the length cut: at no moment is the file empty
     * or shorter than both versions' common start, and no new block is needed unless it grows.
     */
    private static void overwrite(FileWrite f, DefaultPermissions defaults) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(f.path(), StandardOpenOption.WRITE);
        } catch (AccessDeniedException e) {
            replace(f.path(), f.after(), defaults); // read-only caption: replaced as before, its mode kept
            return;
        }
        try (ch) {
            try {
                writeAll(ch, f.after());
                ch.truncate(f.after().length);
            } catch (IOException e) {
                try {
                    writeAll(ch, f.before()); // never leave a blend behind a failed edit
                    ch.truncate(f.before().length);
                } catch (IOException again) {
                    e.addSuppressed(again); // the pending journal entry finishes it on the next open
                }
                throw e;
            }
        }
    }

    private static void writeAll(FileChannel ch, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long at = 0;
        while (b.hasRemaining()) {
            at += ch.write(b, at);
        }
    }

    /**
     * Temp file beside the target (named by this process id, so two processes never share one; a
     * leftover from a crash is replaced), the target's permissions, rename over the target. For new
     * and read-only captions; no fsync here (see {@link #write}).
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
