package org.danlu.engine.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Byte-identical images. Files are grouped by size first, so only files that share a size are
 * hashed (SHA-256) — in a real dataset that is almost none.
 */
final class DuplicateFinder {

    private DuplicateFinder() {
    }

    static List<Finding> find(List<ImageEntry> images) {
        Map<Long, List<ImageEntry>> bySize = new HashMap<>();
        for (ImageEntry e : images) {
            bySize.computeIfAbsent(e.fileSize(), k -> new ArrayList<>()).add(e);
        }
        List<ImageEntry> candidates = bySize.values().stream().filter(l -> l.size() > 1)
                .flatMap(List::stream).toList();
        Map<String, String> hashOf = new java.util.concurrent.ConcurrentHashMap<>();
        candidates.parallelStream().forEach(e -> {
            String h = sha256(e.path());
            if (h != null) {
                hashOf.put(e.path().toString(), e.fileSize() + ":" + h);
            }
        });
        Map<String, List<ImageEntry>> byHash = new HashMap<>();
        for (ImageEntry e : candidates) {
            String h = hashOf.get(e.path().toString());
            if (h != null) {
                byHash.computeIfAbsent(h, k -> new ArrayList<>()).add(e);
            }
        }
        List<Finding> out = new ArrayList<>();
        for (List<ImageEntry> group : byHash.values()) {
            if (group.size() < 2) {
                continue;
            }
            group.sort((a, b) -> a.path().toString().compareTo(b.path().toString()));
            Path first = group.get(0).path();
            for (ImageEntry dup : group.subList(1, group.size())) {
                out.add(Finding.warning("duplicate-image", dup.path(), "the same bytes as " + first,
                        "delete one copy (or keep both on purpose to weight it)"));
            }
        }
        return out;
    }

    private static String sha256(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            return null; // unreadable files are reported by the header read
        }
    }
}
