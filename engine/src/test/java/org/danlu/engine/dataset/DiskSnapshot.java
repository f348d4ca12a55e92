package org.danlu.engine.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Every path under a folder with its size, mtime and content hash, to prove an operation wrote nothing. */
final class DiskSnapshot {

    private DiskSnapshot() {
    }

    static String of(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.sorted().map(p -> {
                try {
                    if (Files.isDirectory(p)) {
                        return p + " dir " + Files.getLastModifiedTime(p);
                    }
                    byte[] b = Files.readAllBytes(p);
                    return p + " " + b.length + " " + Files.getLastModifiedTime(p) + " "
                            + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
                } catch (Exception e) {
                    return p + " " + e;
                }
            }).collect(Collectors.joining("\n"));
        }
    }

    /** Relative paths and content hashes only: equal for two folders with the same files. */
    static String contents(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().map(p -> {
                try {
                    return root.relativize(p) + " " + HexFormat.of().formatHex(
                            MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
                } catch (Exception e) {
                    return p + " " + e;
                }
            }).collect(Collectors.joining("\n"));
        }
    }
}
