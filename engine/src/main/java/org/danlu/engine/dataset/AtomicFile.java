package org.danlu.engine.dataset;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Writes a file so that a crash leaves either the old or the new content, never a mix: a temporary
 * file in the same folder, fsync, rename over the target, fsync of the folder. For one file at a time
 * (journal records, config); a bulk caption edit uses {@link JournaledWrite}, which is made durable
 * by its journal entry instead of two fsyncs per caption.
 */
public final class AtomicFile {

    private AtomicFile() {
    }

    public static void write(Path target, byte[] data) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".danlu-tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = ByteBuffer.wrap(data);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            keepPermissions(target, tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        syncDir(dir);
    }

    /** A temp file is created 0600; the rewritten caption should keep the permissions it had. */
    private static void keepPermissions(Path target, Path tmp) {
        try {
            if (Files.exists(target)) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(target);
                Files.getFileAttributeView(tmp, PosixFileAttributeView.class).setPermissions(perms);
            } else {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system: the default permissions are fine
        }
    }

    static void syncDir(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems cannot open a directory; the rename itself is still atomic
        }
    }
}
