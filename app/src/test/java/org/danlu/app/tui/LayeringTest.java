package org.danlu.app.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules, checked on the sources: only tui imports Lanterna, only console and cli
 * import JLine, widgets and text never see the engine, state and console never see Lanterna.
 */
class LayeringTest {
    private static final Path APP = Path.of("app/src/main/java/org/danlu/app");

    private static List<String> violations(Path under, String forbiddenImport) throws IOException {
        List<String> bad = new ArrayList<>();
        try (Stream<Path> files = Files.walk(under)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (line.startsWith("import " + forbiddenImport) || line.startsWith("import static " + forbiddenImport)) {
                        bad.add(APP.relativize(f) + ": " + line);
                    }
                }
            }
        }
        return bad;
    }

    @Test
    void lanternaStaysInsideTui() throws IOException {
        assertEquals(List.of(), violations(APP.resolve("console"), "com.googlecode.lanterna"));
        assertEquals(List.of(), violations(APP.resolve("cli"), "com.googlecode.lanterna"));
        assertEquals(List.of(), violations(APP.resolve("tui/state"), "com.googlecode.lanterna"));
        assertEquals(List.of(), violations(APP.resolve("tui/image"), "com.googlecode.lanterna"));
    }

    @Test
    void jlineStaysOutOfTheTui() throws IOException {
        assertEquals(List.of(), violations(APP.resolve("tui"), "org.jline"));
    }

    @Test
    void widgetsAndTextNeverSeeTheEngineOrScreens() throws IOException {
        assertEquals(List.of(), violations(APP.resolve("tui/widget"), "org.danlu.engine"));
        assertEquals(List.of(), violations(APP.resolve("tui/widget"), "org.danlu.app.tui.screen"));
        assertEquals(List.of(), violations(APP.resolve("tui/text"), "org.danlu"));
    }
}
