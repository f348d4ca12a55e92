package org.danlu.engine.train.sample;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * kohya sd-scripts' {@code --sample_prompts} file ({@code library/train_util.py} {@code line_to_prompt_dict} and the
 * prompt loading of {@code sample_images_common}), in its three forms:
 * <ul>
 *   <li>{@code .txt}: one prompt per line; lines blank after stripping, or whose first character is {@code #}, are
 *       skipped. A line is split on {@code " --"}; the first piece is the prompt, and every piece (the prompt piece
 *       too, kohya's quirk) is matched at its start, case-insensitively: {@code w N}, {@code h N}, {@code d N} seed,
 *       {@code s N} steps (clamped to 1..1000), {@code l F} CFG scale, {@code n TEXT} negative, {@code ss NAME}
 *       sampler.
 *   <li>{@code .toml}: a {@code [prompt]} table of defaults and {@code [[prompt.subset]]} entries; a key in both is an
 *       error (Python's {@code dict(**a, **b)} raises).
 *   <li>{@code .json}: a list of objects or of strings (strings parse as lines).
 * </ul>
 * Object keys: {@code prompt, negative_prompt, width, height, seed, sample_steps, scale, sample_sampler}.
 *
 * <p>Where kohya logs and skips what it cannot read, this reports it as an error with {@code file:line} and the fix;
 * kohya's options for other model families ({@code g, f, cn, ctr, rcfg, fs}) are accepted and reported as ignored.
 */
public final class SamplePromptFile {
    /** Prompts in file order, and notes about what was accepted but not used. */
    public record Parsed(List<SamplePrompt> prompts, List<String> warnings) {}

    /** Options kohya matches for other model families (Flux guidance, frames, ControlNet, …). */
    private static final Pattern OTHER_FAMILY = Pattern.compile("(?i)(g|f|cn|ctr|rcfg|fs) (.+)");
    private static final Pattern WIDTH = Pattern.compile("(?i)w (\\d+)");
    private static final Pattern HEIGHT = Pattern.compile("(?i)h (\\d+)");
    private static final Pattern SEED = Pattern.compile("(?i)d (\\d+)");
    private static final Pattern STEPS = Pattern.compile("(?i)s (\\d+)");
    private static final Pattern SCALE = Pattern.compile("(?i)l ([\\d.]+)");
    private static final Pattern NEGATIVE = Pattern.compile("(?i)n (.+)");
    private static final Pattern SAMPLER = Pattern.compile("(?i)ss (.+)");

    private SamplePromptFile() {}

    public static Parsed read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": sample prompt file not found; check sample_prompts", e);
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": not UTF-8 text; save the prompt file as UTF-8", e);
        }
        if (name.endsWith(".txt")) {
            return parseText(file.toString(), text);
        } else if (name.endsWith(".toml")) {
            return parseToml(file.toString(), text);
        } else if (name.endsWith(".json")) {
            return parseJson(file.toString(), text);
        }
        throw new IOException(file + ": a sample prompt file must end in .txt, .toml or .json (kohya picks the format"
                + " by extension)");
    }

    /** The {@code .txt} form; {@code where} names the file in messages. */
    public static Parsed parseText(String where, String text) throws IOException {
        List<SamplePrompt> prompts = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        // A UTF-8 BOM (Windows editors) is not part of the first line; Python's utf-8 codec would keep it.
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String[] lines = body.split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String stripped = line.strip();
            // kohya tests the unstripped line's first character: an indented "#" line is a prompt.
            if (stripped.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            prompts.add(parseLine(prompts.size(), where + ":" + (i + 1), stripped, warnings));
        }
        return new Parsed(List.copyOf(prompts), List.copyOf(warnings));
    }

    /** One prompt line (already stripped) as kohya's {@code line_to_prompt_dict} reads it. */
    public static SamplePrompt parseLine(int index, String source, String line, List<String> warnings)
            throws IOException {
        String[] pieces = line.split(Pattern.quote(" --"), -1);
        Options o = new Options();
        o.put("prompt", pieces[0]);
        for (int p = 0; p < pieces.length; p++) {
            String piece = pieces[p];
            boolean promptPiece = p == 0;
            try {
                if (!matchOption(piece, o, source, warnings) && !promptPiece) {
                    String opt = piece.strip().isEmpty() ? "--" : "--" + piece.strip().split("\\s+", 2)[0];
                    throw new IOException(source + ": option '" + opt + "' is not understood; use --n negative,"
                            + " --w width, --h height, --d seed, --s steps, --l CFG scale, --ss sampler, each followed"
                            + " by a space and its value");
                }
            } catch (NumberFormatException e) {
                throw new IOException(source + ": bad number in '--" + piece.strip() + "'; write e.g. --l 7.5", e);
            }
        }
        return o.toPrompt(index, source, warnings);
    }

    /** Tries each kohya pattern in kohya's order; true when one matched the piece's start. */
    private static boolean matchOption(String piece, Options o, String source, List<String> warnings)
            throws IOException {
        Matcher m;
        if ((m = WIDTH.matcher(piece)).lookingAt()) {
            o.put("width", Integer.parseInt(m.group(1)));
        } else if ((m = HEIGHT.matcher(piece)).lookingAt()) {
            o.put("height", Integer.parseInt(m.group(1)));
        } else if ((m = SEED.matcher(piece)).lookingAt()) {
            o.put("seed", Long.parseLong(m.group(1)));
        } else if ((m = STEPS.matcher(piece)).lookingAt()) {
            o.put("sample_steps", m.group(1));
        } else if ((m = SCALE.matcher(piece)).lookingAt()) {
            o.put("scale", Double.parseDouble(m.group(1)));
        } else if ((m = NEGATIVE.matcher(piece)).lookingAt()) {
            o.put("negative_prompt", m.group(1));
        } else if ((m = SAMPLER.matcher(piece)).lookingAt()) {
            o.put("sample_sampler", m.group(1));
        } else if ((m = OTHER_FAMILY.matcher(piece)).lookingAt()) {
            warnings.add(source + ": --" + m.group(1) + " is for other model families and is ignored");
        } else {
            return false;
        }
        return true;
    }

    /** The {@code .toml} form: {@code [prompt]} defaults merged into each {@code [[prompt.subset]]}. */
    public static Parsed parseToml(String where, String text) throws IOException {
        TomlParseResult toml = Toml.parse(text);
        if (toml.hasErrors()) {
            var e = toml.errors().get(0);
            throw new IOException(where + ":" + e.position().line() + ":" + e.position().column() + ": "
                    + e.getMessage());
        }
        TomlTable table = toml.getTable("prompt");
        if (table == null) {
            throw new IOException(where + ": no [prompt] table; kohya's TOML form is [prompt] with defaults and"
                    + " [[prompt.subset]] entries");
        }
        TomlArray subsets = table.isArray("subset") ? table.getArray("subset") : null;
        if (subsets == null || subsets.isEmpty()) {
            throw new IOException(where + ": no [[prompt.subset]] entries; add one per prompt");
        }
        List<SamplePrompt> prompts = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < subsets.size(); i++) {
            if (!(subsets.get(i) instanceof TomlTable subset)) {
                throw new IOException(where + ": prompt.subset entry " + (i + 1) + " is not a table");
            }
            TomlPosition pos = subsets.inputPositionOf(i);
            String source = where + ":" + (pos == null ? "entry " + (i + 1) : pos.line());
            Options o = new Options();
            for (String key : table.keySet()) {
                if (!key.equals("subset")) {
                    o.putObjectKey(key, table.get(key), where + ":" + table.inputPositionOf(key).line(), warnings);
                }
            }
            for (String key : subset.keySet()) {
                String keySource = where + ":" + subset.inputPositionOf(key).line();
                if (o.has(key)) {
                    throw new IOException(keySource + ": '" + key + "' is set both in [prompt] and in this"
                            + " [[prompt.subset]] (kohya fails on that too); keep one");
                }
                o.putObjectKey(key, subset.get(key), keySource, warnings);
            }
            prompts.add(o.toPrompt(i, source, warnings));
        }
        return new Parsed(List.copyOf(prompts), List.copyOf(warnings));
    }

    /** The {@code .json} form: a list whose items are prompt objects or prompt lines. */
    public static Parsed parseJson(String where, String text) throws IOException {
        JsonElement root;
        try {
            root = JsonParser.parseString(text);
        } catch (JsonParseException e) {
            throw new IOException(where + ": not valid JSON (" + e.getMessage() + ")", e);
        }
        if (!root.isJsonArray()) {
            throw new IOException(where + ": expected a JSON list of prompts (objects or strings)");
        }
        JsonArray items = root.getAsJsonArray();
        List<SamplePrompt> prompts = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonElement item = items.get(i);
            String source = where + ": entry " + (i + 1);
            if (item.isJsonPrimitive() && item.getAsJsonPrimitive().isString()) {
                prompts.add(parseLine(i, source, item.getAsString().strip(), warnings));
            } else if (item.isJsonObject()) {
                Options o = new Options();
                for (Map.Entry<String, JsonElement> e : ((JsonObject) item).entrySet()) {
                    o.putObjectKey(e.getKey(), jsonValue(e.getValue(), source, e.getKey()), source, warnings);
                }
                prompts.add(o.toPrompt(i, source, warnings));
            } else {
                throw new IOException(source + ": each item must be a prompt object or a prompt string");
            }
        }
        return new Parsed(List.copyOf(prompts), List.copyOf(warnings));
    }

    private static Object jsonValue(JsonElement v, String source, String key) throws IOException {
        if (v.isJsonPrimitive()) {
            JsonPrimitive p = v.getAsJsonPrimitive();
            if (p.isString()) {
                return p.getAsString();
            }
            if (p.isNumber()) {
                double d = p.getAsDouble();
                return d == Math.rint(d) && !p.getAsString().contains(".") ? (Object) p.getAsLong() : (Object) d;
            }
        }
        if (v.isJsonNull()) {
            return null;
        }
        throw new IOException(source + ": '" + key + "' must be a string or a number");
    }

    /** Collected option values by kohya's dict keys, turned into a prompt once complete. */
    private static final class Options {
        private final Map<String, Object> values = new LinkedHashMap<>();

        void put(String key, Object value) {
            values.put(key, value);
        }

        boolean has(String key) {
            return values.containsKey(key);
        }

        /** A key of the object forms, type-checked. */
        void putObjectKey(String key, Object value, String source, List<String> warnings) throws IOException {
            switch (key) {
                case "prompt", "negative_prompt", "sample_sampler" -> {
                    if (value != null && !(value instanceof String)) {
                        throw new IOException(source + ": '" + key + "' must be a string");
                    }
                    put(key, value);
                }
                case "width", "height", "seed", "sample_steps" -> {
                    if (!(value instanceof Long)) {
                        throw new IOException(source + ": '" + key + "' must be a whole number, got " + value);
                    }
                    put(key, value);
                }
                case "scale" -> {
                    if (!(value instanceof Number n)) {
                        throw new IOException(source + ": 'scale' must be a number, got " + value);
                    }
                    put(key, n.doubleValue());
                }
                case "guidance_scale", "controlnet_image", "cfg_trunc_ratio", "renorm_cfg", "flow_shift",
                        "frame_count", "enum" -> warnings.add(source + ": '" + key + "' is for other model families"
                                + " and is ignored");
                default -> throw new IOException(source + ": unknown key '" + key + "'; use prompt, negative_prompt,"
                        + " width, height, seed, sample_steps, scale or sample_sampler");
            }
        }

        SamplePrompt toPrompt(int index, String source, List<String> warnings) throws IOException {
            Object prompt = values.get("prompt");
            if (prompt == null) {
                throw new IOException(source + ": no 'prompt'");
            }
            Sampler sampler = null;
            if (values.get("sample_sampler") instanceof String s) {
                try {
                    Sampler.Parsed parsed = Sampler.parse(s);
                    sampler = parsed.sampler();
                    if (parsed.note() != null) {
                        warnings.add(source + ": " + parsed.note());
                    }
                } catch (IllegalArgumentException e) {
                    throw new IOException(source + ": " + e.getMessage(), e);
                }
            }
            Integer steps = null;
            Object s = values.get("sample_steps");
            if (s != null) {
                // kohya: max(1, min(1000, int(...))); a huge number is still "more than 1000"
                long n = s instanceof Long l ? l : new java.math.BigInteger((String) s).min(
                        java.math.BigInteger.valueOf(1001)).longValue();
                steps = (int) Math.max(1, Math.min(1000, n));
            }
            return new SamplePrompt(index, source, (String) prompt, (String) values.get("negative_prompt"),
                    size(values.get("width"), source, "width"), size(values.get("height"), source, "height"),
                    (Long) values.get("seed"), steps, (Double) values.get("scale"), sampler);
        }

        private static Integer size(Object v, String source, String what) throws IOException {
            if (v == null) {
                return null;
            }
            long n = ((Number) v).longValue();
            if (n < 1 || n > 16384) {
                throw new IOException(source + ": " + what + " " + n + " is out of range; use 64..16384 pixels");
            }
            return (int) n;
        }
    }
}
