package org.danlu.engine.train.sample;

import java.util.Locale;
import java.util.Set;

/** The samplers Danlu renders with, under kohya's names ({@code --sample_sampler}, {@code --ss}). */
public enum Sampler {
    EULER("euler", "Euler"),
    EULER_A("euler_a", "Euler a"),
    DDIM("ddim", "DDIM");

    /** kohya's other sampler names: accepted in prompt files but not rendered yet (see {@link #parse}). */
    static final Set<String> KOHYA_OTHERS = Set.of("pndm", "lms", "k_lms", "heun", "dpm_2", "k_dpm_2", "dpm_2_a",
            "k_dpm_2_a", "dpmsolver", "dpmsolver++", "dpmsingle");

    private final String kohyaName;
    private final String a1111Name;

    Sampler(String kohyaName, String a1111Name) {
        this.kohyaName = kohyaName;
        this.a1111Name = a1111Name;
    }

    /** The name in kohya's options and in Danlu's settings. */
    public String kohyaName() {
        return kohyaName;
    }

    /** The name AUTOMATIC1111 writes in {@code Sampler:} (so PNG Info and "send to txt2img" pick it). */
    public String a1111Name() {
        return a1111Name;
    }

    /** What parsing a sampler name gave: the sampler, and a note when the name was mapped to another one. */
    public record Parsed(Sampler sampler, String note) {}

    /**
     * Parses a name case-insensitively, with kohya's {@code k_} aliases. kohya's other samplers (dpmsolver++, heun, …)
     * are rendered with DDIM, as kohya itself does for any name it does not know, and the note says so; a name
     * kohya does not know either is an error listing the names.
     */
    public static Parsed parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "euler", "k_euler":
                return new Parsed(EULER, null);
            case "euler_a", "k_euler_a":
                return new Parsed(EULER_A, null);
            case "ddim":
                return new Parsed(DDIM, null);
            default:
                if (KOHYA_OTHERS.contains(n)) {
                    return new Parsed(DDIM, "sampler '" + name.trim() + "' is not implemented yet; rendering with ddim");
                }
                throw new IllegalArgumentException("unknown sampler '" + name.trim()
                        + "'; use euler_a, euler or ddim (kohya's k_euler, k_euler_a aliases work too)");
        }
    }
}
