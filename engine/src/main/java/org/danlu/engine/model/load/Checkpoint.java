package org.danlu.engine.model.load;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.danlu.engine.tensor.PickleRefusal;
import org.danlu.engine.tensor.SafetensorsFile;
import org.danlu.engine.tensor.TensorInfo;

/**
 * A Stable Diffusion checkpoint opened for lazy loading: its layout, architecture, where its configs came from,
 * and per model the diffusers-named tensors. Holds the safetensors files open (memory-mapped on demand) until
 * closed. Open with {@link #open(Path)}; {@link #component} answers for supported architectures only.
 */
public final class Checkpoint implements AutoCloseable {
    private final Path path;
    private final Layout layout;
    private final Architecture architecture;
    private final ConfigSource configSource;
    private final String predictionType;
    private final List<String> notes;
    private final Map<Component, ComponentWeights> components;
    private final List<String> unexpected;
    private final int ignored;
    private final Map<String, Long> rawGroups;
    private final Map<Path, SafetensorsFile> files;

    private Checkpoint(Builder b) {
        this.path = b.path;
        this.layout = b.layout;
        this.architecture = b.architecture;
        this.configSource = b.configSource;
        this.predictionType = b.predictionType;
        this.notes = List.copyOf(b.notes);
        this.components = Collections.unmodifiableMap(new EnumMap<>(b.components));
        this.unexpected = List.copyOf(b.unexpected);
        this.ignored = b.ignored;
        this.rawGroups = Collections.unmodifiableMap(new LinkedHashMap<>(b.rawGroups));
        this.files = b.files;
    }

    /** Opens a diffusers folder or a single .safetensors file, configs from the folder / yaml beside / defaults. */
    public static Checkpoint open(Path path) throws IOException {
        return open(path, null);
    }

    /**
     * As {@link #open(Path)}; {@code configFolder}, when not null, is a diffusers folder whose
     * {@code <model>/config.json} files replace the derived configs of a single file (diffusers'
     * {@code from_single_file(config=...)}).
     */
    public static Checkpoint open(Path path, Path configFolder) throws IOException {
        Builder b = new Builder(path);
        try {
            if (Files.isDirectory(path)) {
                openFolder(b);
            } else if (Files.isRegularFile(path)) {
                PickleRefusal.check(path);
                openSingleFile(b, configFolder);
            } else {
                throw new IOException(path + ": no such file or folder");
            }
            return new Checkpoint(b);
        } catch (IOException | RuntimeException e) {
            b.closeFiles();
            throw e;
        }
    }

    // ---- diffusers folder ---------------------------------------------------------------------------------

    private static final Map<Component, List<String>> WEIGHT_FILES = Map.of(
            Component.UNET, List.of("diffusion_pytorch_model.safetensors", "diffusion_pytorch_model.fp16.safetensors"),
            Component.VAE, List.of("diffusion_pytorch_model.safetensors", "diffusion_pytorch_model.fp16.safetensors"),
            Component.TEXT_ENCODER, List.of("model.safetensors", "model.fp16.safetensors"));

    private static void openFolder(Builder b) throws IOException {
        Path dir = b.path;
        b.layout = Layout.DIFFUSERS_FOLDER;
        Path index = dir.resolve("model_index.json");
        if (!Files.isRegularFile(index) && !Files.isRegularFile(dir.resolve("unet/config.json"))) {
            throw new IOException(dir + ": a folder, but not a diffusers model (no model_index.json and no unet/config.json);"
                    + " give a diffusers folder or a single .safetensors checkpoint");
        }
        JsonObject modelIndex = Files.isRegularFile(index) ? readJson(index) : new JsonObject();
        Map<Component, JsonObject> configs = new EnumMap<>(Component.class);
        for (Component c : Component.values()) {
            Path cfg = dir.resolve(c.folder()).resolve("config.json");
            if (Files.isRegularFile(cfg)) {
                configs.put(c, readJson(cfg));
            }
        }
        b.architecture = folderArchitecture(modelIndex, configs);
        b.configSource = new ConfigSource(ConfigSource.Kind.DIFFUSERS_CONFIGS, dir, b.architecture);
        Path scheduler = dir.resolve("scheduler/scheduler_config.json");
        b.predictionType = "epsilon";
        if (Files.isRegularFile(scheduler)) {
            JsonElement p = readJson(scheduler).get("prediction_type");
            b.predictionType = p != null && p.isJsonPrimitive() ? p.getAsString() : "epsilon";
        } else {
            b.notes.add("no scheduler/scheduler_config.json: prediction type epsilon assumed");
        }
        if (!b.architecture.supported()) {
            b.notes.add(b.architecture.display() + " is recognised but not yet supported");
            return;
        }
        for (Component c : Component.values()) {
            Path sub = dir.resolve(c.folder());
            if (!configs.containsKey(c)) {
                b.notes.add("no " + c.folder() + "/config.json: this folder has no " + c.folder());
                continue;
            }
            Path weights = weightFile(sub, c);
            SafetensorsFile f = b.file(weights);
            Map<String, MappedTensor> mapped = new LinkedHashMap<>();
            for (TensorInfo t : f.tensors().values()) {
                if (t.name().endsWith("embeddings.position_ids")) {
                    b.ignored++; // a buffer (arange), persistent in transformers < 4.31
                    continue;
                }
                mapped.put(t.name(), new MappedTensor(t.name(), weights, t.name(), t.dtype(), Transform.IDENTITY, t.shape()));
            }
            b.components.put(c, new ComponentWeights(c, configs.get(c), sub.resolve("config.json"), mapped, List.of(), b::fileUnchecked));
        }
    }

    private static Path weightFile(Path sub, Component c) throws IOException {
        for (String name : WEIGHT_FILES.get(c)) {
            if (Files.isRegularFile(sub.resolve(name))) {
                return sub.resolve(name);
            }
        }
        for (String pickle : List.of("diffusion_pytorch_model.bin", "pytorch_model.bin")) {
            if (Files.isRegularFile(sub.resolve(pickle))) {
                PickleRefusal.check(sub.resolve(pickle));
            }
        }
        throw new IOException(sub + ": no " + WEIGHT_FILES.get(c).get(0) + " (sharded and other weight files are not supported)");
    }

    private static Architecture folderArchitecture(JsonObject modelIndex, Map<Component, JsonObject> configs) {
        JsonObject unet = configs.getOrDefault(Component.UNET, new JsonObject());
        JsonObject text = configs.getOrDefault(Component.TEXT_ENCODER, new JsonObject());
        if (modelIndex.has("text_encoder_2") || "text_time".equals(str(unet, "addition_embed_type"))) {
            return Architecture.SDXL;
        }
        if ("gelu".equals(str(text, "hidden_act")) || unet.has("cross_attention_dim")
                && unet.get("cross_attention_dim").isJsonPrimitive() && unet.get("cross_attention_dim").getAsInt() == 1024) {
            return Architecture.SD2;
        }
        return Architecture.SD1;
    }

    private static String str(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    static JsonObject readJson(Path p) throws IOException {
        try {
            JsonElement e = JsonParser.parseString(Files.readString(p, StandardCharsets.UTF_8));
            if (!e.isJsonObject()) {
                throw new IOException(p + ": expected a JSON object");
            }
            return e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IOException(p + ": not valid JSON (" + e.getMessage() + ")");
        }
    }

    // ---- single file ---------------------------------------------------------------------------------------

    /** Keys a single file may carry that are not model weights: EMA copies, the DDPM schedule, the VAE's loss. */
    private static boolean ignoredKey(String key) {
        if (key.startsWith("model_ema.") || key.startsWith("first_stage_model.loss.")
                || key.equals("cond_stage_model.transformer.text_model.embeddings.position_ids")
                || key.equals("cond_stage_model.transformer.embeddings.position_ids")) {
            return true;
        }
        switch (key) {
            case "betas": case "alphas_cumprod": case "alphas_cumprod_prev": case "sqrt_alphas_cumprod":
            case "sqrt_one_minus_alphas_cumprod": case "log_one_minus_alphas_cumprod": case "sqrt_recip_alphas_cumprod":
            case "sqrt_recipm1_alphas_cumprod": case "posterior_variance": case "posterior_log_variance_clipped":
            case "posterior_mean_coef1": case "posterior_mean_coef2": case "logvar":
                return true;
            default:
                return false;
        }
    }

    private static void openSingleFile(Builder b, Path configFolder) throws IOException {
        b.layout = Layout.SINGLE_FILE;
        SafetensorsFile f = b.file(b.path);
        Map<String, TensorInfo> all = f.tensors();
        for (TensorInfo t : all.values()) {
            String[] parts = t.name().split("\\.");
            String group = parts.length >= 3 && (parts[0].equals("conditioner") || parts[0].equals("cond_stage_model"))
                    ? parts[0] + "." + parts[1] + "." + parts[2] : parts.length >= 2 && parts[0].equals("model") ? parts[0] + "." + parts[1] : parts[0];
            b.rawGroups.merge(group, t.elements(), Long::sum);
        }
        b.architecture = singleFileArchitecture(b.path, all);
        if (!b.architecture.supported()) {
            b.configSource = new ConfigSource(ConfigSource.Kind.PUBLISHED_DEFAULTS, null, b.architecture);
            b.predictionType = "epsilon";
            b.notes.add(b.architecture.display() + " is recognised (conditioner.embedders.* / label_emb keys) but not yet"
                    + " supported; SD1.x and SD2.x checkpoints are");
            return;
        }
        Optional<Path> yamlPath = LdmYaml.besides(b.path);
        LdmYaml yaml = yamlPath.isPresent() ? LdmYaml.read(yamlPath.get()) : null;
        if (yaml != null && yaml.has("model.params.network_config")) {
            b.notes.add(yaml.file() + " is an SDXL (sgm) config but the tensors are " + b.architecture.display() + "; ignoring the yaml");
            yaml = null;
        }
        SingleFileConfigs derived = new SingleFileConfigs(all, b.architecture, yaml);
        Map<Component, JsonObject> configs = new EnumMap<>(Component.class);
        configs.put(Component.UNET, derived.unet());
        configs.put(Component.VAE, derived.vae());
        boolean hasText = all.keySet().stream().anyMatch(k -> k.startsWith("cond_stage_model."));
        if (hasText) {
            configs.put(Component.TEXT_ENCODER, derived.textEncoder());
        } else {
            b.notes.add("the file holds no text encoder (no cond_stage_model.* keys)");
        }
        b.predictionType = derived.predictionType();
        if (configFolder != null) {
            b.configSource = new ConfigSource(ConfigSource.Kind.DIFFUSERS_CONFIGS, configFolder, b.architecture);
            for (Component c : configs.keySet()) {
                Path cfg = configFolder.resolve(c.folder()).resolve("config.json");
                if (!Files.isRegularFile(cfg)) {
                    throw new IOException(cfg + ": missing (--config must be a diffusers folder with " + c.folder() + "/config.json)");
                }
                configs.put(c, readJson(cfg));
            }
        } else {
            b.configSource = yaml != null ? new ConfigSource(ConfigSource.Kind.YAML_BESIDE, yaml.file(), b.architecture)
                    : new ConfigSource(ConfigSource.Kind.PUBLISHED_DEFAULTS, null, b.architecture);
            b.notes.addAll(derived.notes);
        }

        List<KeyRules> rules = new ArrayList<>();
        rules.add(new LdmUnetRules(derived.unetLayersPerBlock));
        rules.add(new LdmVaeRules(derived.vaeLevels));
        rules.add(b.architecture == Architecture.SD2 ? new OpenClipRules(derived.openClipBlocks) : new LdmClipRules());
        Map<Component, Map<String, MappedTensor>> mapped = new EnumMap<>(Component.class);
        Map<Component, List<String>> unmapped = new EnumMap<>(Component.class);
        for (Component c : Component.values()) {
            mapped.put(c, new LinkedHashMap<>());
            unmapped.put(c, new ArrayList<>());
        }
        for (TensorInfo t : all.values()) {
            String key = t.name();
            if (ignoredKey(key)) {
                b.ignored++;
                continue;
            }
            KeyRules rule = rules.stream().filter(r -> key.startsWith(r.prefix())).findFirst().orElse(null);
            if (rule == null) {
                b.unexpected.add(key);
                continue;
            }
            Component c = rule instanceof LdmUnetRules ? Component.UNET : rule instanceof LdmVaeRules ? Component.VAE : Component.TEXT_ENCODER;
            List<KeyRules.Target> targets = rule.map(key.substring(rule.prefix().length()));
            if (targets == null) {
                unmapped.get(c).add(key);
                continue;
            }
            if (targets.isEmpty()) {
                b.ignored++;
                continue;
            }
            for (KeyRules.Target target : targets) {
                if (!target.transform().accepts(t.shape())) {
                    unmapped.get(c).add(key + " " + t.shapeString() + " (cannot be " + target.transform() + ")");
                    continue;
                }
                MappedTensor m = new MappedTensor(target.name(), b.path, key, t.dtype(), target.transform(),
                        target.transform().shape(t.shape()));
                MappedTensor previous = mapped.get(c).put(target.name(), m);
                if (previous != null) {
                    b.notes.add("both " + previous.key() + " and " + key + " map to " + target.name() + "; using the latter");
                }
            }
        }
        for (Component c : configs.keySet()) {
            Path origin = configFolder != null ? configFolder.resolve(c.folder()).resolve("config.json")
                    : yaml != null ? yaml.file() : b.path;
            b.components.put(c, new ComponentWeights(c, configs.get(c), origin, mapped.get(c), unmapped.get(c), b::fileUnchecked));
        }
    }

    private static Architecture singleFileArchitecture(Path path, Map<String, TensorInfo> all) throws IOException {
        boolean unet = false;
        for (String k : all.keySet()) {
            if (k.startsWith("conditioner.embedders.") || k.startsWith("model.diffusion_model.label_emb.")) {
                return Architecture.SDXL;
            }
            unet |= k.startsWith("model.diffusion_model.");
        }
        if (!unet) {
            throw new IOException(path + ": no model.diffusion_model.* keys, so not a Stable Diffusion checkpoint in the"
                    + " single-file (LDM) layout (a LoRA, VAE-only or diffusers-named file?)");
        }
        if (all.keySet().stream().anyMatch(k -> k.startsWith("cond_stage_model.model."))) {
            return Architecture.SD2;
        }
        if (all.keySet().stream().anyMatch(k -> k.startsWith("cond_stage_model.transformer."))) {
            return Architecture.SD1;
        }
        // No text encoder in the file: the UNet's context width tells (768 OpenAI CLIP, 1024 OpenCLIP).
        for (TensorInfo t : all.values()) {
            if (t.name().endsWith(".attn2.to_k.weight") && t.shape().length == 2) {
                return t.shape()[1] == 1024 ? Architecture.SD2 : Architecture.SD1;
            }
        }
        return Architecture.SD1;
    }

    // ---- accessors -----------------------------------------------------------------------------------------

    public Path path() {
        return path;
    }

    public Layout layout() {
        return layout;
    }

    public Architecture architecture() {
        return architecture;
    }

    public ConfigSource configSource() {
        return configSource;
    }

    /** "epsilon" or "v_prediction" (diffusers' scheduler names). */
    public String predictionType() {
        return predictionType;
    }

    /** Anything odd: disagreements, guesses, duplicates, what is absent. */
    public List<String> notes() {
        return notes;
    }

    /** The models this checkpoint holds (empty for an unsupported architecture). */
    public Map<Component, ComponentWeights> components() {
        return components;
    }

    public ComponentWeights component(Component c) throws IOException {
        if (!architecture.supported()) {
            throw new IOException(path + ": " + architecture.display() + " checkpoints are not yet supported (SD1.x and SD2.x are)");
        }
        ComponentWeights w = components.get(c);
        if (w == null) {
            throw new IOException(path + ": this checkpoint has no " + c.folder());
        }
        return w;
    }

    /** Keys of a single file that belong to no model (no known prefix). */
    public List<String> unexpected() {
        return unexpected;
    }

    /** How many stored tensors were deliberately skipped (EMA, schedule buffers, position_ids, unused layers). */
    public int ignoredCount() {
        return ignored;
    }

    /** Scalars per top-level key group of a single file (for reporting an unsupported file); empty for folders. */
    public Map<String, Long> rawGroups() {
        return rawGroups;
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (SafetensorsFile f : files.values()) {
            try {
                f.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static final class Builder {
        final Path path;
        Layout layout;
        Architecture architecture;
        ConfigSource configSource;
        String predictionType;
        final List<String> notes = new ArrayList<>();
        final Map<Component, ComponentWeights> components = new EnumMap<>(Component.class);
        final List<String> unexpected = new ArrayList<>();
        int ignored;
        final Map<String, Long> rawGroups = new LinkedHashMap<>();
        final Map<Path, SafetensorsFile> files = new LinkedHashMap<>();

        Builder(Path path) {
            this.path = path;
        }

        SafetensorsFile file(Path p) throws IOException {
            SafetensorsFile f = files.get(p);
            if (f == null) {
                f = SafetensorsFile.open(p);
                files.put(p, f);
            }
            return f;
        }

        SafetensorsFile fileUnchecked(Path p) {
            try {
                return file(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void closeFiles() {
            for (SafetensorsFile f : files.values()) {
                try {
                    f.close();
                } catch (IOException ignored) {
                    // already failing; the first error is the one to report
                }
            }
        }
    }
}
