package org.danlu.engine.model.load;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One table mapping a component's LDM key names (with the component prefix removed) to diffusers names.
 * {@link #map} answers {@code null} for a key the table does not know (reported as unexpected) and an empty
 * list for a key it knows and deliberately drops (a buffer, an unused layer).
 */
interface KeyRules {

    /** The prefix the component's keys carry in a single file, e.g. {@code model.diffusion_model.}. */
    String prefix();

    List<Target> map(String key);

    /** A diffusers parameter name and how the stored tensor becomes it. */
    record Target(String name, Transform transform) {
        static List<Target> same(String name) {
            return List.of(new Target(name, Transform.IDENTITY));
        }
    }

    /** Compiled patterns, shared: a checkpoint has thousands of keys and the tables a few dozen patterns. */
    final class Patterns {
        static final java.util.concurrent.ConcurrentHashMap<String, Pattern> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

        private Patterns() {}
    }

    /** Matches {@code regex} against the whole key; null when it does not match. */
    static Matcher match(String regex, String key) {
        Matcher m = Patterns.CACHE.computeIfAbsent(regex, Pattern::compile).matcher(key);
        return m.matches() ? m : null;
    }
}
