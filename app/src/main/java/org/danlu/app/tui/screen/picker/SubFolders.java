package org.danlu.app.tui.screen.picker;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/** The folders directly inside a folder, by name (case-insensitive); hidden ones left out. Worker thread. */
final class SubFolders {
    private static final Comparator<Path> BY_NAME = Comparator
            .comparing((Path p) -> p.getFileName().toString(), String.CASE_INSENSITIVE_ORDER)
            .thenComparing(p -> p.getFileName().toString());

    private SubFolders() {
    }

    /**
     * Lists {@code dir}; {@code cancelled} is asked every few hundred names, so leaving a huge folder
     * stops its listing (with {@link CancellationException}).
     */
    static List<Path> of(Path dir, BooleanSupplier cancelled) throws IOException {
        List<Path> out = new ArrayList<>();
        int seen = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (++seen % 256 == 0 && cancelled.getAsBoolean()) {
                    throw new CancellationException("left " + dir);
                }
                if (!p.getFileName().toString().startsWith(".") && Files.isDirectory(p)) {
                    out.add(p);
                }
            }
        }
        out.sort(BY_NAME);
        return out;
    }
}
