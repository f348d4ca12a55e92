package org.danlu.app.tui.term;

import com.googlecode.lanterna.graphics.PropertyTheme;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Finds and loads the Lanterna property themes in the top-level {@code themes/} folder. The folder
 * is looked up under the {@code danlu.home} system property (the launcher sets it to the checkout)
 * and then under the working directory; a theme may also be given as a path to a
 * {@code .properties} file, for user themes kept elsewhere.
 */
public final class ThemeFiles {
    public static final String DEFAULT = "danlu-dark";

    private ThemeFiles() {
    }

    /** The folders searched, in order. */
    public static List<Path> folders() {
        List<Path> dirs = new ArrayList<>();
        String home = System.getProperty("danlu.home");
        if (home != null && !home.isBlank()) {
            dirs.add(Path.of(home, "themes"));
        }
        dirs.add(Path.of(System.getProperty("user.dir"), "themes"));
        return dirs;
    }

    /** Resolves a theme name (or a path) to its file; throws naming the folders searched. */
    public static Path locate(String nameOrPath) {
        Path direct = Path.of(nameOrPath);
        if (nameOrPath.endsWith(".properties") && Files.isRegularFile(direct)) {
            return direct;
        }
        for (Path dir : folders()) {
            Path p = dir.resolve(nameOrPath + ".properties");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalArgumentException("theme '" + nameOrPath + "' not found in " + folders()
                + "; available: " + available() + " (or pass a path to a .properties theme file)");
    }

    /** Theme names found in the first existing folder. */
    public static List<String> available() {
        for (Path dir : folders()) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".properties"))
                            .map(n -> n.substring(0, n.length() - ".properties".length())).sorted().toList();
                } catch (IOException e) {
                    return List.of();
                }
            }
        }
        return List.of();
    }

    /** Reads a theme file as UTF-8 and builds the theme, failing on unknown component classes. */
    public static PropertyTheme load(Path file) {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read theme " + file + ": " + e.getMessage(), e);
        }
        try {
            return new PropertyTheme(props, false);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("theme " + file + " is invalid: " + e.getMessage()
                    + " (check the key names against themes/README.md)", e);
        }
    }
}
