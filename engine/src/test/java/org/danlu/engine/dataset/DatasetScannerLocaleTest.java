package org.danlu.engine.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A non-ASCII file name under a non-UTF-8 locale: the scan runs in a real child JVM started with
 * LANG=C and an ASCII file-name encoding, over files this (UTF-8) JVM created.
 */
class DatasetScannerLocaleTest {

    @TempDir
    Path root;

    @Test
    void aNameTheLocaleCannotRepresentIsAFindingAndTheScanCompletes() throws Exception {
        Path dir = Files.createDirectories(root.resolve("10_dog"));
        byte[] png = TestImages.png(256, 256);
        Files.write(dir.resolve("a.png"), png);
        Files.writeString(dir.resolve("a.txt"), "dog\n");
        Files.write(dir.resolve("\u72d7.png"), png);                 // 狗.png
        Files.writeString(dir.resolve("\u72d7.txt"), "\u72d7\n");     // 狗.txt

        List<String> out = runChild(root);
        assertTrue(out.contains("sun.jnu.encoding=ANSI_X3.4-1968"), out.toString());
        assertTrue(out.contains("representable=false"),
                "the child must really be unable to build the path, or this test proves nothing: " + out);
        assertTrue(out.contains("images=1"), "a.png is scanned: " + out);
        assertEquals(2, out.stream().filter(l -> l.startsWith("finding=unrepresentable-name ")).count(),
                "狗.png and 狗.txt are each a finding: " + out);
    }

    private static List<String> runChild(Path root) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Dsun.jnu.encoding=ANSI_X3.4-1968",
                "-Dfile.encoding=ANSI_X3.4-1968", "-cp", System.getProperty("java.class.path"),
                ScanInChildLocale.class.getName(), root.toString());
        pb.environment().keySet().removeIf(k -> k.startsWith("LC_"));
        pb.environment().put("LANG", "C");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        byte[] bytes = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "the child's scan must complete, not throw:\n" + text);
        return text.lines().toList();
    }
}
