package org.danlu.app.tui;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.danlu.app.tui.screen.TestDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end in real tmux: {@code ./danlu open DIR} and {@code ./danlu console DIR} run in a
 * detached 80x24 session with {@code LANG=C} (the case where Java 17 would default to ASCII), keys
 * go in with {@code send-keys}, the screen comes back with {@code capture-pane}. The launcher builds
 * the app first when needed, so the first wait is long.
 */
class StudioTmuxTest {
    private static final long FIRST_SCREEN_MS = 300_000;
    private static final long STEP_MS = 20_000;

    @TempDir
    Path tmp;

    private static String tmux(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tmux"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private static void requireTmux() throws InterruptedException {
        try {
            Process p = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            if (p.waitFor() != 0) {
                fail("tmux -V failed; install tmux (apt-get install -y tmux; .ci/run does it in CI)");
            }
        } catch (IOException e) {
            fail("tmux is not installed, so the end-to-end studio test cannot run; install it with "
                    + "apt-get install -y tmux (.ci/run does this in CI)");
        }
    }

    private static String waitFor(String session, String text, long ms) throws Exception {
        long end = System.currentTimeMillis() + ms;
        String screen = "";
        while (System.currentTimeMillis() < end) {
            screen = tmux("capture-pane", "-p", "-t", session);
            if (screen.contains(text)) {
                return screen;
            }
            Thread.sleep(200);
        }
        fail("'" + text + "' did not appear within " + ms / 1000 + " s; the pane shows:\n" + screen);
        return screen;
    }

    /**
     * @param locale LANG/LC_ALL for the app: {@code C} shows the terminal is still UTF-8 (half blocks,
     *               CJK title); file names with CJK need a UTF-8 locale ({@code C.UTF-8}) for Java to open them
     */
    private String start(String session, String locale, String danluArgs) throws Exception {
        return start(session, locale, Path.of("").toAbsolutePath(), danluArgs);
    }

    /** Like {@link #start(String, String, String)}, with the app started in folder {@code cwd}. */
    private String start(String session, String locale, Path cwd, String danluArgs) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        assertTrue(Files.isExecutable(root.resolve("danlu")), "tests run from the project root, where ./danlu is");
        String cmd = "cd '" + cwd + "' && env LANG=" + locale + " LC_ALL=" + locale + " DANLU_JAVA_OPTS='-Ddanlu.config.dir=" + tmp.resolve("cfg")
                + "' '" + root.resolve("danlu") + "' " + danluArgs + "; echo DANLU-EXIT=$?; sleep 120";
        tmux("kill-session", "-t", session);
        String out = tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", cmd);
        assertTrue(out.isBlank(), "tmux new-session: " + out);
        return session;
    }

    @Test
    void studioOpensSwitchesScreensAndQuitsCleanlyInTmux() throws Exception {
        requireTmux();
        Path ds = TestDataset.basic(tmp.resolve("ds"));
        // ASCII file names only: under LANG=C Java cannot open non-ASCII names (see TerminalCaps).
        Files.delete(ds.resolve("train/10_shs dog/猫の画像.png"));
        Files.delete(ds.resolve("train/10_shs dog/猫の画像.txt"));
        String s = start("danlu-e2e-open-" + ProcessHandle.current().pid(), "C", "open '" + ds + "' --lang en");
        try {
            String screen = waitFor(s, "red.png", FIRST_SCREEN_MS);
            assertTrue(screen.contains("10× shs dog      2/2"), screen);
            assertTrue(screen.contains("丹炉"), "CJK output survives LANG=C:\n" + screen);
            // Half blocks survive LANG=C because the terminal is opened as UTF-8; the preview comes a moment later.
            waitFor(s, "▀▀▀", STEP_MS);
            tmux("send-keys", "-t", s, "2");
            screen = waitFor(s, "All tags (4)", STEP_MS);
            tmux("send-keys", "-t", s, "3");
            // 2 images x 10 repeats, batch 1: 20 steps per epoch, 10 epochs.
            screen = waitFor(s, "= 200 steps in total", STEP_MS);
            tmux("send-keys", "-t", s, "q");
            waitFor(s, "DANLU-EXIT=0", STEP_MS);
        } finally {
            tmux("kill-session", "-t", s);
        }
    }

    @Test
    void bareDanluWithNothingRememberedShowsThePickerAndOpensTheStudioInTheSameSession() throws Exception {
        requireTmux();
        Path work = Files.createDirectories(tmp.resolve("work"));
        TestDataset.basic(work.resolve("ds"));
        Files.createDirectories(work.resolve("notes"));
        String s = start("danlu-e2e-picker-" + ProcessHandle.current().pid(), "C.UTF-8", work, "");
        try {
            String screen = waitFor(s, "train/reg: 1 folders, 3 images", FIRST_SCREEN_MS);
            assertTrue(screen.contains("Folders in " + work) && screen.contains("notes/"), screen);
            tmux("send-keys", "-t", s, "Down");
            waitFor(s, "1 Open a dataset", STEP_MS);
            tmux("send-keys", "-t", s, "Enter");
            screen = waitFor(s, "10× shs dog      3/3", STEP_MS);
            assertTrue(screen.contains("丹炉 ds") && !screen.contains("DANLU-EXIT"), "the studio, same process:\n" + screen);
            tmux("send-keys", "-t", s, "q");
            waitFor(s, "DANLU-EXIT=0", STEP_MS);
            assertTrue(Files.readString(tmp.resolve("cfg").resolve("state.json")).contains("\"recent\":[\""
                    + work.resolve("ds") + "\"]"), "remembered");
        } finally {
            tmux("kill-session", "-t", s);
        }
    }

    @Test
    void consoleEditsWithTabCompletionInTmux() throws Exception {
        requireTmux();
        Path ds = TestDataset.basic(tmp.resolve("ds"));
        String s = start("danlu-e2e-console-" + ProcessHandle.current().pid(), "C.UTF-8",
                "console '" + ds + "'");
        try {
            waitFor(s, "danlu>", FIRST_SCREEN_MS);
            tmux("send-keys", "-t", s, "replace grass lawn", "Enter");
            waitFor(s, "replace grass with lawn: 2 files changed", STEP_MS);
            tmux("send-keys", "-t", s, "remove sm", "Tab");
            waitFor(s, "danlu> remove smile", STEP_MS);
            tmux("send-keys", "-t", s, "Enter");
            waitFor(s, "remove smile: 2 files changed", STEP_MS);
            tmux("send-keys", "-t", s, "quit", "Enter");
            waitFor(s, "DANLU-EXIT=0", STEP_MS);
            assertTrue(Files.readString(ds.resolve("train/10_shs dog/red.txt")).equals("shs dog, lawn"));
        } finally {
            tmux("kill-session", "-t", s);
        }
    }
}
