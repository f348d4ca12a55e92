package org.danlu.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The open/console commands' argument handling (the studio itself is tested on a virtual terminal). */
class StudioCommandsTest {
    @RegisterExtension
    final IsolatedConfig config = new IsolatedConfig();

    private static String[] run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = Main.commandLine();
        cli.setErr(new java.io.PrintWriter(new PrintStream(err, true, StandardCharsets.UTF_8), true));
        int code = cli.execute(args);
        return new String[] {String.valueOf(code), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void openWithoutDirAndNoMemoryExplainsUsage() {
        String[] r = run("open");
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("danlu open: no dataset given and none opened before; usage: danlu open DIR"), r[1]);
    }

    @Test
    void withoutATerminalAGoneLastDatasetIsNamedAndBareDanluPrintsUsage(@TempDir Path ds) throws Exception {
        // Tests run without a console: no picker, today's plain answers.
        Path gone = ds.resolve("moved-away");
        Files.writeString(config.stateFile(), "{\"lastDataset\": \"" + gone + "\"}");
        String[] r = run("open");
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("no dataset given, and the last one opened, " + gone + ", no longer exists; usage: danlu open DIR"),
                r[1]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        java.io.PrintStream before = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run(new String[0]);
        } finally {
            System.setOut(before);
        }
        assertEquals(0, code);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Usage: danlu"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void openRejectsAMissingFolderAndAnUnknownThemeBeforeTouchingTheTerminal(@TempDir Path ds) {
        String[] r = run("open", ds.resolve("nope").toString());
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("is not a folder"), r[1]);
        r = run("open", ds.toString(), "--theme", "neon");
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("theme 'neon' not found") && r[1].contains("danlu-dark"), r[1]);
        r = run("open", ds.toString(), "--lang", "fr");
        assertTrue(r[1].contains("use --lang en or --lang zh"), r[1]);
    }

    @Test
    void lastDatasetIsRememberedInStateJsonKeepingOtherKeys(@TempDir Path ds) throws Exception {
        Files.writeString(config.stateFile(), "{\"other\": 1}");
        LastDataset.remember(ds);
        assertEquals(ds.toAbsolutePath().normalize(), LastDataset.read().orElseThrow());
        String json = Files.readString(config.stateFile());
        assertTrue(json.contains("\"other\":1"), json);
        Files.writeString(config.stateFile(), "{\"theme\": \"neon\"}");
        assertEquals("neon", LastDataset.setting("theme").orElseThrow());
        String[] r = run("open", ds.toString());
        assertTrue(r[1].contains("theme 'neon' not found"), "the remembered theme is used: " + r[1]);
        Files.writeString(config.stateFile(), "not json");
        assertTrue(LastDataset.read().isEmpty(), "a broken state file is ignored, not fatal");
    }
}
