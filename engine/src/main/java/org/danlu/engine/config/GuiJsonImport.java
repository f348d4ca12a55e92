package org.danlu.engine.config;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.danlu.engine.bucket.Resolution;

/**
 * Imports a kohya_ss GUI JSON config (LoRA tab) as a {@link TrainConfig}. The GUI stores numbers
 * as strings ({@code "0.0001"}), the resolution as {@code "512,512"}, unset values as {@code ""},
 * and has keys of its own that sd-scripts does not know; they are mapped to the sd-scripts options
 * the GUI would pass, or listed as not imported.
 */
public final class GuiJsonImport {

    /** GUI-only keys with no sd-scripts option (they configure the GUI or accelerate). */
    private static final Set<String> GUI_ONLY = Set.of("model_list", "num_cpu_threads_per_process",
            "stop_text_encoder_training", "LoRA_type", "conv_alphas", "conv_dims", "sdxl", "save_as",
            "lr_warmup", "epoch", "max_resolution", "use_8bit_adam", "lora_network_weights", "optimizer",
            "conv_dim", "conv_alpha");

    /** The result: the configuration, what was mapped (notes) and what was left out. */
    public record Result(TrainConfig config, List<String> notes, List<String> notImported) {
        public Result {
            notes = List.copyOf(notes);
            notImported = List.copyOf(notImported);
        }
    }

    private GuiJsonImport() {
    }

    public static Result read(Path json) throws IOException {
        return parse(Files.readString(json, StandardCharsets.UTF_8), json.toString());
    }

    /** @throws IllegalArgumentException naming {@code source} when the text is not a JSON object */
    public static Result parse(String json, String source) {
        JsonObject o;
        try {
            JsonElement e = JsonParser.parseString(json);
            if (!e.isJsonObject()) {
                throw new IllegalArgumentException(source + ": not a kohya_ss GUI config (expected a JSON object)");
            }
            o = e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(source + ": not valid JSON: " + e.getMessage());
        }
        Map<String, Object> raw = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : o.entrySet()) {
            Object v = plain(e.getValue());
            if (v != null) {
                raw.put(e.getKey(), v);
            }
        }
        List<String> notes = new ArrayList<>();
        List<String> notImported = new ArrayList<>();
        Map<String, Object> out = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        mapGuiKeys(raw, out, notes, used);

        for (Map.Entry<String, Object> e : raw.entrySet()) {
            String key = e.getKey();
            if (GUI_ONLY.contains(key)) {
                if (!used.contains(key)) {
                    notImported.add(key);
                }
                continue;
            }
            ConfigKey k = ConfigKeys.find(key);
            Object v = k == null ? guess(e.getValue()) : convert(k, e.getValue(), source);
            if (Boolean.FALSE.equals(v)) {
                continue; // a store_true flag left off: kohya's default
            }
            if ("max_token_length".equals(key) && Long.valueOf(75).equals(v)) {
                continue; // 75 is kohya's default; the option only accepts 150 or 225
            }
            if (v != null) {
                out.putIfAbsent(key, v);
            }
        }
        // Catalogue order for known options, then the others in the GUI's order.
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (ConfigKey k : ConfigKeys.all()) {
            if (out.containsKey(k.name())) {
                ordered.put(k.name(), out.get(k.name()));
            }
        }
        out.forEach(ordered::putIfAbsent);
        return new Result(TrainConfig.of(ordered), notes, notImported);
    }

    /** The GUI's own keys, turned into the options the GUI passes to sd-scripts. */
    private static void mapGuiKeys(Map<String, Object> raw, Map<String, Object> out, List<String> notes,
                                   Set<String> used) {
        Object res = raw.get("max_resolution");
        if (res != null) {
            String r = Resolution.parse(res.toString()).toKohyaString();
            out.put("resolution", r);
            used.add("max_resolution");
            notes.add("max_resolution \"" + res + "\" -> resolution = \"" + r + "\"");
        }
        Object epoch = raw.get("epoch");
        if (epoch != null && !raw.containsKey("max_train_epochs") && !raw.containsKey("max_train_steps")) {
            long e = toLong(epoch, "epoch");
            out.put("max_train_epochs", e);
            used.add("epoch");
            notes.add("epoch " + e + " -> max_train_epochs = " + e);
        }
        Object warm = raw.get("lr_warmup");
        if (warm != null) {
            double pct = toDouble(warm, "lr_warmup");
            Object w = pct == 0 ? (Object) 0L : pct / 100.0;
            out.put("lr_warmup_steps", w);
            used.add("lr_warmup");
            notes.add("lr_warmup " + warm + "% -> lr_warmup_steps = " + TomlValues.format(w)
                    + (pct == 0 ? "" : " (a ratio of the total steps)"));
        }
        Object optimizer = raw.get("optimizer");
        if (optimizer != null) {
            out.put("optimizer_type", optimizer.toString());
            used.add("optimizer");
            used.add("use_8bit_adam");
            notes.add("optimizer \"" + optimizer + "\" -> optimizer_type");
        } else if (Boolean.TRUE.equals(raw.get("use_8bit_adam"))) {
            out.put("optimizer_type", "AdamW8bit");
            used.add("use_8bit_adam");
            notes.add("use_8bit_adam true -> optimizer_type = \"AdamW8bit\"");
        }
        Object weights = raw.get("lora_network_weights");
        if (weights != null) {
            out.put("network_weights", weights.toString());
            used.add("lora_network_weights");
            notes.add("lora_network_weights -> network_weights");
        }
        Object type = raw.get("LoRA_type");
        if (type == null || !type.toString().toLowerCase().contains("lycoris")) {
            out.put("network_module", "networks.lora");
            if (raw.containsKey("network_dim")) {
                notes.add("LoRA config -> network_module = \"networks.lora\"");
            }
        }
        if (type != null && !"Standard".equals(type.toString()) && raw.get("conv_dim") != null) {
            long cd = toLong(raw.get("conv_dim"), "conv_dim");
            if (cd > 0) {
                List<String> args = new ArrayList<>(NetworkArgs.set(List.of(), "conv_dim", Long.toString(cd)));
                Object ca = raw.get("conv_alpha");
                if (ca != null) {
                    args = NetworkArgs.set(args, "conv_alpha", TomlValues.format(guess(ca)));
                }
                out.put("network_args", args);
                used.add("conv_dim");
                used.add("conv_alpha");
                notes.add("conv_dim/conv_alpha -> network_args = " + TomlValues.format(args));
            }
        }
    }

    /** JSON to Java: "" and null become unset; numbers stay Long when integral. */
    private static Object plain(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e.isJsonPrimitive()) {
            JsonPrimitive p = e.getAsJsonPrimitive();
            if (p.isBoolean()) {
                return p.getAsBoolean();
            }
            if (p.isNumber()) {
                // 128 stays an integer (kohya keeps network_alpha = 128 an int), 1.0 stays a float.
                String text = p.getAsString();
                boolean integral = text.chars().allMatch(c -> Character.isDigit(c) || c == '-');
                return integral ? (Object) p.getAsLong() : (Object) p.getAsDouble();
            }
            String s = p.getAsString();
            return s.isEmpty() ? null : s;
        }
        return e.toString();
    }

    /** Converts a GUI value to the option's type ("0.0001" -> 1.0E-4, 1.0 for an int option -> 1). */
    private static Object convert(ConfigKey k, Object v, String source) {
        try {
            return switch (k.type()) {
                case BOOL -> v instanceof Boolean ? v : Boolean.parseBoolean(v.toString());
                case INT -> toLong(v, k.name());
                case FLOAT -> v instanceof Long ? v : toDouble(v, k.name());
                case STEPS_OR_RATIO -> guess(v);
                case FLOAT_LIST -> List.of(toDouble(v, k.name()));
                case STRING_LIST -> v instanceof String s ? List.of(s.trim().split("\\s+")) : v;
                case RESOLUTION -> Resolution.parse(v.toString()).toKohyaString();
                case STRING -> v.toString();
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": key " + k.name() + " = \"" + v + "\" must be "
                    + k.type().description() + ": fix it in the JSON or in the GUI");
        }
    }

    /** Unknown options: numeric strings become numbers (kohya would otherwise get a string). */
    private static Object guess(Object v) {
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                try {
                    return Double.parseDouble(s.trim());
                } catch (NumberFormatException e2) {
                    return s;
                }
            }
        }
        return v;
    }

    private static long toLong(Object v, String key) {
        if (v instanceof Long l) {
            return l;
        }
        double d = toDouble(v, key);
        if (d != Math.rint(d)) {
            throw new IllegalArgumentException(key + " " + v);
        }
        return (long) d;
    }

    private static double toDouble(Object v, String key) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " " + v);
        }
    }
}
