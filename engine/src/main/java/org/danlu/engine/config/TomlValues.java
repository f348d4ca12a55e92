package org.danlu.engine.config;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Writes Java values as TOML value text, the way kohya (Python's toml) reads them back. */
public final class TomlValues {

    private TomlValues() {
    }

    /** TOML text of a Boolean, Long, Double, String, List or Map (inline table). */
    public static String format(Object v) {
        if (v instanceof String s) {
            return quote(s);
        }
        if (v instanceof Boolean || v instanceof Long || v instanceof Integer) {
            return v.toString();
        }
        if (v instanceof Double || v instanceof Float) {
            return formatDouble(((Number) v).doubleValue());
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(format(l.get(i)));
            }
            return sb.append(']').toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{ ");
            int i = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(i++ == 0 ? "" : ", ").append(key(String.valueOf(e.getKey()))).append(" = ").append(format(e.getValue()));
            }
            return sb.append(" }").toString();
        }
        throw new IllegalArgumentException("cannot write " + v + " (" + (v == null ? "null" : v.getClass().getSimpleName()) + ") as TOML");
    }

    /**
     * A float that stays a float when read back: {@code 0.0001}, {@code 1.0}, {@code 5e-05} style
     * (plain decimals for ordinary magnitudes, an exponent for very small or large ones).
     */
    static String formatDouble(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        double a = Math.abs(d);
        if (a != 0 && (a < 1e-4 || a >= 1e16)) {
            return Double.toString(d).replace("E", "e");
        }
        String s = new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
        return s.contains(".") ? s : s + ".0";
    }

    /** A TOML basic string with the escapes TOML requires. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** A key, bare when TOML allows it, quoted otherwise. */
    public static String key(String k) {
        return !k.isEmpty() && k.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '-')
                ? k : quote(k);
    }
}
