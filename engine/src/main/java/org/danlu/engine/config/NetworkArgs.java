package org.danlu.engine.config;

import java.util.ArrayList;
import java.util.List;

/** kohya's {@code network_args}: a list of {@code key=value} strings (e.g. {@code conv_dim=8}). */
public final class NetworkArgs {

    private NetworkArgs() {
    }

    /** The value of {@code key} in the list, or null. */
    public static String get(List<String> args, String key) {
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq > 0 && a.substring(0, eq).trim().equals(key)) {
                return a.substring(eq + 1);
            }
        }
        return null;
    }

    /** A copy with {@code key=value} replaced in place or appended; a null value removes it. */
    public static List<String> set(List<String> args, String key, String value) {
        List<String> out = new ArrayList<>();
        boolean done = false;
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq > 0 && a.substring(0, eq).trim().equals(key)) {
                if (value != null && !done) {
                    out.add(key + "=" + value);
                }
                done = true;
            } else {
                out.add(a);
            }
        }
        if (!done && value != null) {
            out.add(key + "=" + value);
        }
        return out;
    }
}
