package org.danlu.app.tui.term;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.Theme;
import com.googlecode.lanterna.graphics.ThemeDefinition;
import com.googlecode.lanterna.graphics.ThemeStyle;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;

/**
 * The styles of all {@link Role}s, read once from a theme and mapped to the terminal's colour
 * depth (a {@code #RRGGBB} theme colour becomes the nearest 256-palette entry when the terminal has
 * no true colour), so drawing code never converts colours and never hard-codes one.
 */
public final class Palette {
    /** The class whose theme entry holds our roles; named in every theme file. */
    public static final String THEME_CLASS = "org.danlu.app.tui.StudioView";

    private final Map<Role, Style> styles = new EnumMap<>(Role.class);
    private final ColorDepth depth;

    public Palette(Theme theme, Class<?> themedClass, ColorDepth depth) {
        this.depth = depth;
        ThemeDefinition def = theme.getDefinition(themedClass);
        ThemeStyle normal = def.getNormal();
        for (Role role : Role.values()) {
            ThemeStyle s = switch (role.state()) {
                case "NORMAL" -> normal;
                case "SELECTED" -> def.getSelected();
                case "ACTIVE" -> def.getActive();
                case "PRELIGHT" -> def.getPreLight();
                case "INSENSITIVE" -> def.getInsensitive();
                default -> def.getCustom(role.state(), normal);
            };
            EnumSet<SGR> sgrs = s.getSGRs().isEmpty() ? EnumSet.noneOf(SGR.class) : EnumSet.copyOf(s.getSGRs());
            styles.put(role, new Style(map(s.getForeground()), map(s.getBackground()), sgrs));
        }
    }

    public Style style(Role role) {
        return styles.get(role);
    }

    public ColorDepth depth() {
        return depth;
    }

    /** An RGB colour as the terminal can show it: itself, or the nearest 256-palette entry. */
    public TextColor map(TextColor c) {
        return mapColor(c, depth);
    }

    /** See {@link #map}; static for image code that has no palette. */
    public static TextColor mapColor(TextColor c, ColorDepth depth) {
        if (depth == ColorDepth.INDEXED_256 && c instanceof TextColor.RGB rgb) {
            return new TextColor.Indexed(Xterm256.nearest(rgb.getRed(), rgb.getGreen(), rgb.getBlue()));
        }
        return c;
    }

    /** An RGB pixel (0xRRGGBB) as a terminal colour at the given depth. */
    public static TextColor pixel(int rgb, ColorDepth depth) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        if (depth == ColorDepth.INDEXED_256) {
            return new TextColor.Indexed(Xterm256.nearest(r, g, b));
        }
        return new TextColor.RGB(r, g, b);
    }
}
