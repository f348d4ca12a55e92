package org.danlu.engine.train.sample;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code parameters} text AUTOMATIC1111 writes into its PNGs and reads back in PNG Info:
 * <pre>
 * PROMPT
 * Negative prompt: NEGATIVE            (only when there is one)
 * Steps: 30, Sampler: Euler a, CFG scale: 7.5, Seed: 42, Size: 512x768, Model: …, Clip skip: 2, …</pre>
 * Values holding a comma, colon or newline are JSON-quoted, as A1111's {@code quote()} does, so its parser splits
 * the line correctly. Keys past A1111's own (Lora, Training step, Training epoch) show up in PNG Info as they are.
 */
public final class SampleParameters {
    private SampleParameters() {}

    /**
     * @param step the optimizer step the sample was taken at, null outside training
     * @param epoch the epoch, null outside training
     */
    public static String format(SampleRequest r, RenderSettings settings, Integer step, Integer epoch) {
        Map<String, String> kv = new LinkedHashMap<>();
        kv.put("Steps", Integer.toString(r.steps()));
        kv.put("Sampler", r.sampler().a1111Name());
        kv.put("CFG scale", number(r.scale()));
        kv.put("Seed", Long.toString(r.seed()));
        kv.put("Size", r.width() + "x" + r.height());
        if (settings.modelName() != null) {
            kv.put("Model", settings.modelName());
        }
        if (settings.clipSkip() != 1) {
            kv.put("Clip skip", Integer.toString(settings.clipSkip())); // A1111 leaves out the default 1 too
        }
        if (settings.lora() != null) {
            kv.put("Lora", settings.lora());
        }
        if (step != null) {
            kv.put("Training step", step.toString());
        }
        if (epoch != null) {
            kv.put("Training epoch", epoch.toString());
        }
        kv.put("Version", "Danlu");
        StringBuilder sb = new StringBuilder(r.prompt());
        if (!r.negative().isEmpty()) {
            sb.append("\nNegative prompt: ").append(r.negative());
        }
        sb.append('\n');
        String sep = "";
        for (Map.Entry<String, String> e : kv.entrySet()) {
            sb.append(sep).append(e.getKey()).append(": ").append(quote(e.getValue()));
            sep = ", ";
        }
        return sb.toString();
    }

    /** Python's {@code str(float)} for the usual CFG values: 7.5 → "7.5", 7 → "7.0". */
    static String number(double v) {
        return Double.toString(v);
    }

    /** A1111's {@code quote}: as is unless it holds a comma, newline or colon, else {@code json.dumps}. */
    static String quote(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('\n') < 0 && text.indexOf(':') < 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c)); // json.dumps escapes non-ASCII by default
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
