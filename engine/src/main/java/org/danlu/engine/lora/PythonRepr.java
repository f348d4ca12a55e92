package org.danlu.engine.lora;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

/**
 * Values written the way kohya's metadata writes them: Python's {@code str()} of the value ({@code None},
 * {@code True}, float repr such as {@code 5e-05} or {@code 1.0}, tuples {@code (512, 512)}) and
 * {@code json.dumps} with its default separators ({@code ", "}, {@code ": "}) and ASCII escapes.
 */
public final class PythonRepr {

    private PythonRepr() {
    }

    /** Python's {@code str(v)} for null, booleans, numbers, strings and tuples given as {@link Tuple}. */
    public static String str(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Double || v instanceof Float) {
            return floatRepr(((Number) v).doubleValue());
        }
        if (v instanceof Number n) {
            return Long.toString(n.longValue());
        }
        if (v instanceof Tuple t) {
            StringBuilder sb = new StringBuilder("(");
            for (int i = 0; i < t.items().length; i++) {
                sb.append(i > 0 ? ", " : "").append(str(t.items()[i]));
            }
            return sb.append(t.items().length == 1 ? ",)" : ")").toString();
        }
        return v.toString();
    }

    /** A Python tuple, for {@link #str}. */
    public record Tuple(Object... items) {
    }

    /**
     * Python's {@code repr(float)}: the shortest digits that round-trip, fixed notation for decimal exponents
     * −4..15 ({@code 0.0001}, {@code 1.0}), else scientific with a signed two-digit exponent ({@code 5e-05}).
     */
    public static String floatRepr(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0.0" : "0.0";
        }
        BigDecimal bd = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        String digits = bd.unscaledValue().abs().toString();
        int exp10 = digits.length() - 1 - bd.scale();
        String sign = v < 0 ? "-" : "";
        if (exp10 >= -4 && exp10 < 16) {
            String plain = bd.abs().toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (exp10 < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp10));
    }

    /** {@code json.dumps(v)} for maps (keys as strings), lists, strings, numbers, booleans and null. */
    public static String json(Object v) {
        StringBuilder sb = new StringBuilder();
        writeJson(sb, v);
        return sb.toString();
    }

    private static void writeJson(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Boolean b) {
            sb.append(b ? "true" : "false");
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            sb.append(Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity") : floatRepr(d));
        } else if (v instanceof Number n) {
            sb.append(n.longValue());
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(first ? "" : ", ");
                first = false;
                quote(sb, String.valueOf(e.getKey()));
                sb.append(": ");
                writeJson(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof Collection<?> c) {
            sb.append('[');
            boolean first = true;
            for (Object o : c) {
                sb.append(first ? "" : ", ");
                first = false;
                writeJson(sb, o);
            }
            sb.append(']');
        } else if (v instanceof Tuple t) {
            writeJson(sb, java.util.Arrays.asList(t.items()));
        } else {
            quote(sb, v.toString());
        }
    }

    /** A JSON string as Python escapes it with ensure_ascii: \" \\ \n \r \t \b \f, other controls and non-ASCII as \\uXXXX. */
    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
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
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
