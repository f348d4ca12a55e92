package org.danlu.engine.model.load;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.danlu.engine.tensor.SafetensorsFile;
import org.danlu.engine.tensor.TensorInfo;

/** Opening a single-file LDM checkpoint: architecture detection, configs, and the key tables per model. */
final class SingleFileLayout {
    private SingleFileLayout() {}

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

    static void open(CheckpointBuilder b, Path configFolder) throws IOException {
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
        if (all.keySet().stream().anyMatch(k -> k.startsWith("first_stage_model."))) {
            configs.put(Component.VAE, derived.vae());
        } else {
            b.notes.add("the file holds no VAE (no first_stage_model.* keys); use a separate VAE");
        }
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
                configs.put(c, Checkpoint.readJson(cfg));
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
}
