package org.danlu.app.tui.term;

import java.util.Map;

/**
 * What the terminal we run in can do, read from the environment before Lanterna starts. Lanterna
 * never detects true colour and never downgrades RGB colours, so we decide here: true colour when
 * {@code COLORTERM} says {@code truecolor}/{@code 24bit}, or {@code TERM} ends in {@code -direct};
 * otherwise the 256-colour palette. Inside tmux the outer terminal must declare RGB support
 * ({@code terminal-overrides ...:Tc}); {@link #advice()} says so.
 *
 * @param depth colour depth chosen
 * @param term {@code TERM}, or "" when unset
 * @param colorTerm {@code COLORTERM}, or "" when unset
 * @param inTmux whether {@code TMUX} is set
 */
public record TerminalCaps(ColorDepth depth, String term, String colorTerm, boolean inTmux) {

    /** Reads the process environment; {@code forced} (from a setting) wins when not null. */
    public static TerminalCaps detect(ColorDepth forced) {
        return fromEnv(System.getenv(), forced);
    }

    /** Decides from an explicit environment map, so tests need not touch the real one. */
    public static TerminalCaps fromEnv(Map<String, String> env, ColorDepth forced) {
        String term = env.getOrDefault("TERM", "");
        String colorTerm = env.getOrDefault("COLORTERM", "");
        boolean tmux = env.containsKey("TMUX");
        ColorDepth depth = forced;
        if (depth == null) {
            String ct = colorTerm.toLowerCase(java.util.Locale.ROOT);
            boolean rgb = ct.equals("truecolor") || ct.equals("24bit") || term.endsWith("-direct");
            depth = rgb ? ColorDepth.TRUE_COLOR : ColorDepth.INDEXED_256;
        }
        return new TerminalCaps(depth, term, colorTerm, tmux);
    }

    /**
     * Whether Java reads file names as UTF-8. Under {@code LANG=C} Java 17 decodes them as ASCII, so a
     * name like {@code 猫.png} cannot be opened by name; the fix is a UTF-8 locale
     * ({@code LANG=C.UTF-8}), which must be set before Java starts.
     */
    public static boolean utf8FileNames() {
        String enc = System.getProperty("sun.jnu.encoding", "UTF-8");
        return enc.equalsIgnoreCase("UTF-8") || enc.equalsIgnoreCase("UTF8");
    }

    /** One line for the user when colours may be wrong, or "" when all is well. */
    public String advice() {
        if (depth == ColorDepth.TRUE_COLOR) {
            return "";
        }
        String fix = inTmux
                ? "in tmux add: set -as terminal-overrides ',*:Tc' and export COLORTERM=truecolor"
                : "export COLORTERM=truecolor if your terminal supports 24-bit colour";
        return "256-colour mode (COLORTERM='" + colorTerm + "', TERM='" + term + "'); " + fix;
    }
}
