package org.danlu.engine.model.load;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.danlu.engine.tensor.PickleRefusal;
import org.danlu.engine.tensor.SafetensorsFile;
import org.danlu.engine.tensor.TensorInfo;

/** Opening a diffusers folder: model_index.json, one sub-folder per model with config.json and safetensors. */
final class DiffusersFolderLayout {
    private DiffusersFolderLayout() {}

    private static final Map<Component, List<String>> WEIGHT_FILES = Map.of(
            Component.UNET, List.of("diffusion_pytorch_model.safetensors", "diffusion_pytorch_model.fp16.safetensors"),
            Component.VAE, List.of("diffusion_pytorch_model.safetensors", "diffusion_pytorch_model.fp16.safetensors"),
            Component.TEXT_ENCODER, List.of("model.safetensors", "model.fp16.safetensors"));

    static void open(CheckpointBuilder b) throws IOException {
        Path dir = b.path;
        b.layout = Layout.DIFFUSERS_FOLDER;
        Path index = dir.resolve("model_index.json");
        if (!Files.isRegularFile(index) && !Files.isRegularFile(dir.resolve("unet/config.json"))) {
            throw new IOException(dir + ": a folder, but not a diffusers model (no model_index.json and no unet/config.json);"
                    + " give a diffusers folder or a single .safetensors checkpoint");
        }
        JsonObject modelIndex = Files.isRegularFile(index) ? Checkpoint.readJson(index) : new JsonObject();
        Map<Component, JsonObject> configs = new EnumMap<>(Component.class);
        for (Component c : Component.values()) {
            Path cfg = dir.resolve(c.folder()).resolve("config.json");
            if (Files.isRegularFile(cfg)) {
                configs.put(c, Checkpoint.readJson(cfg));
            }
        }
        b.architecture = folderArchitecture(modelIndex, configs);
        b.configSource = new ConfigSource(ConfigSource.Kind.DIFFUSERS_CONFIGS, dir, b.architecture);
        Path scheduler = dir.resolve("scheduler/scheduler_config.json");
        b.predictionType = "epsilon";
        if (Files.isRegularFile(scheduler)) {
            JsonElement p = Checkpoint.readJson(scheduler).get("prediction_type");
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
                String name = c == Component.VAE ? LegacyVaeNames.rename(t.name()) : t.name();
                mapped.put(name, new MappedTensor(name, weights, t.name(), t.dtype(), Transform.IDENTITY, t.shape()));
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
}
