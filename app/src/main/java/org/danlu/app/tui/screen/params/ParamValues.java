package org.danlu.app.tui.screen.params;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.danlu.engine.config.ConfigKey;
import org.danlu.engine.config.TomlValues;

/**
 * What a user types into a Params field, turned into the value a TOML reader would give
 * ({@code Boolean}, {@code Long}, {@code Double}, {@code String}, lists), and back into text. The
 * validator checks ranges and combinations afterwards; this only refuses what cannot be the type.
 */
final class ParamValues {
    private ParamValues() {
    }

    /** The value for {@code text}; null (unset, kohya's default) for blank text. */
    static Object parse(ConfigKey key, String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return null;
        }
        return switch (key.type()) {
            case BOOL -> bool(key, t);
            case INT -> integer(key, t);
            case FLOAT -> number(key, t);
            case STEPS_OR_RATIO -> t.matches("-?\\d+") ? (Object) integer(key, t) : (Object) number(key, t);
            case STRING_LIST -> items(t);
            case FLOAT_LIST -> {
                List<String> parts = items(t);
                List<Object> nums = new ArrayList<>();
                for (String p : parts) {
                    nums.add(number(key, p));
                }
                yield nums.size() == 1 ? nums.get(0) : nums;
            }
            default -> unquote(t);
        };
    }

    /** The value as it is written in TOML ({@code "512"}, {@code 1.0e-4}, {@code ["a", "b"]}); "" for null. */
    static String show(Object v) {
        return v == null ? "" : TomlValues.format(v);
    }

    /** The value as typed back into the prompt: strings without quotes, lists comma-separated. */
    static String editText(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            for (Object o : l) {
                parts.add(o instanceof String s ? s : TomlValues.format(o));
            }
            return String.join(", ", parts);
        }
        return TomlValues.format(v);
    }

    private static Boolean bool(ConfigKey key, String t) {
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException(key.name() + ": \"" + t + "\" is not true or false");
        };
    }

    private static Long integer(ConfigKey key, String t) {
        try {
            return Long.parseLong(t.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key.name() + ": \"" + t + "\" is not an integer");
        }
    }

    private static Double number(ConfigKey key, String t) {
        try {
            return Double.parseDouble(t.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key.name() + ": \"" + t + "\" is not a number (e.g. 1e-4 or 0.0001)");
        }
    }

    /** Comma-separated items, or TOML array text; quotes around items are dropped. */
    private static List<String> items(String t) {
        String body = t.startsWith("[") && t.endsWith("]") ? t.substring(1, t.length() - 1) : t;
        List<String> out = new ArrayList<>();
        for (String part : body.split(",")) {
            String p = unquote(part.strip());
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }

    private static String unquote(String t) {
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }
}
