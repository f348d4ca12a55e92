package org.danlu.app.tui.term;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.PropertyTheme;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.danlu.app.tui.StudioView;
import org.junit.jupiter.api.Test;

/** Every theme in themes/ loads strictly, defines every role, and has no redundant declarations. */
class ThemeLintTest {
    private static List<Path> themeFiles() throws IOException {
        Path dir = Path.of("themes");
        assertTrue(Files.isDirectory(dir), "themes/ must exist at the project root (tests run from there)");
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".properties")).sorted().toList();
        }
    }

    @Test
    void theThreeShippedThemesExist() throws IOException {
        List<String> names = themeFiles().stream().map(p -> p.getFileName().toString()).toList();
        assertTrue(names.containsAll(List.of("danlu-dark.properties", "danlu-light.properties",
                "danlu-contrast.properties")), names.toString());
        assertEquals(List.of("danlu-contrast", "danlu-dark", "danlu-light"), ThemeFiles.available());
    }

    @Test
    void everyThemeDefinesEveryRoleWithoutRedundancy() throws IOException {
        for (Path f : themeFiles()) {
            PropertyTheme theme = ThemeFiles.load(f);
            assertEquals(List.of(), theme.findRedundantDeclarations(), f.toString());
            Properties props = new Properties();
            try (var r = Files.newBufferedReader(f)) {
                props.load(r);
            }
            for (Role role : Role.values()) {
                if (role.state().equals("NORMAL")) {
                    assertTrue(props.containsKey("foreground"), f + ": foreground");
                    continue;
                }
                boolean standard = List.of("SELECTED", "ACTIVE", "PRELIGHT", "INSENSITIVE").contains(role.state());
                String prefix = standard ? "" : Palette.THEME_CLASS + ".";
                String suffix = "[" + role.state() + "]";
                boolean declared = Stream.of("foreground", "background", "sgr")
                        .anyMatch(k -> props.containsKey(prefix + k + suffix));
                assertTrue(declared, f + " lacks role " + role + " (" + prefix + "foreground" + suffix + ")");
            }
            Palette p = new Palette(theme, StudioView.class, ColorDepth.TRUE_COLOR);
            assertNotEquals(p.style(Role.BODY).background(), p.style(Role.SELECTED).background(),
                    f + ": a selection must be visible");
            assertNotEquals(p.style(Role.TAB).background(), p.style(Role.TAB_ACTIVE).background(),
                    f + ": the current tab must be visible");
        }
    }

    @Test
    void rgbThemeColoursAreMappedToThePaletteIn256ColourMode() {
        PropertyTheme theme = ThemeFiles.load(ThemeFiles.locate("danlu-dark"));
        Palette p = new Palette(theme, StudioView.class, ColorDepth.INDEXED_256);
        for (Role r : Role.values()) {
            assertTrue(p.style(r).foreground() instanceof TextColor.Indexed, r + " foreground");
            assertTrue(p.style(r).background() instanceof TextColor.Indexed, r + " background");
        }
        // The dark background #1c1c1c is exactly grey-ramp entry 234 (8 + 10*2 = 28 = 0x1c).
        assertEquals(new TextColor.Indexed(234), p.style(Role.BODY).background());
    }

    @Test
    void unknownThemeNameListsTheAvailableOnes() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ThemeFiles.locate("nope"));
        assertTrue(e.getMessage().contains("danlu-light"), e.getMessage());
    }
}
