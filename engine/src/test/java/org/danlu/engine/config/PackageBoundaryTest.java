package org.danlu.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** bucket and config stay pure Java: no DJL, no UI libraries (DESIGN.md, STYLE.md house rule). */
class PackageBoundaryTest {

    @Test
    void bucketAndConfigImportNoDjlOrUi() throws IOException {
        Path root = Path.of("src/main/java/org/danlu/engine");
        if (!Files.isDirectory(root)) {
            root = Path.of("engine").resolve(root);
        }
        assertTrue(Files.isDirectory(root.resolve("bucket")), "sources not found from " + Path.of("").toAbsolutePath());
        List<String> offenders;
        try (Stream<Path> files = Stream.concat(Files.walk(root.resolve("bucket")), Files.walk(root.resolve("config")))) {
            offenders = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    String src = Files.readString(p);
                    return src.contains("import ai.djl") || src.contains("import com.googlecode.lanterna")
                            || src.contains("import org.jline");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(Path::toString).toList();
        }
        assertEquals(List.of(), offenders);
    }
}
