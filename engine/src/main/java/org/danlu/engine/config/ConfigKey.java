package org.danlu.engine.config;

import java.util.List;

/**
 * One kohya option: its argparse name, type, sd-scripts default ({@code null} = unset), group,
 * allowed range or choices, and a one-line help.
 *
 * @param min     smallest allowed value for numbers, or null
 * @param max     largest allowed value for numbers, or null
 * @param choices allowed string values (empty = any)
 */
public record ConfigKey(String name, ConfigType type, Object defaultValue, ConfigGroup group,
                        Double min, Double max, List<String> choices, String help) {

    public ConfigKey {
        choices = List.copyOf(choices);
    }

    /** The allowed range as text, e.g. "≥ 1" or "0 to 1", or "" without bounds. */
    public String rangeText() {
        if (min != null && max != null) {
            return fmt(min) + " to " + fmt(max);
        }
        if (min != null) {
            return ">= " + fmt(min);
        }
        if (max != null) {
            return "<= " + fmt(max);
        }
        return "";
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
