package org.danlu.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.danlu.engine.lora.LoraFile;
import org.danlu.engine.lora.LoraNetwork;
import org.danlu.engine.tensor.DType;
import org.danlu.engine.tensor.SafetensorsFile;
import org.danlu.engine.tensor.SafetensorsWriter;

/**
 * A resumable training state on disk, a folder like kohya's {@code <name>-step00000100-state}:
 * {@code model.safetensors} (the LoRA in fp32, kohya keys), {@code optimizer.safetensors} (the optimizer's
 * tensors) and {@code train_state.json} ({@link TrainState}, plus kohya's {@code current_epoch} /
 * {@code current_step}). The folder is written beside its final place and renamed in one step, so a state is
 * either complete or absent.
 */
public final class StateStore {
    private static final Gson JSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    static final String MODEL = "model.safetensors";
    static final String OPTIMIZER = "optimizer.safetensors";
    static final String STATE = "train_state.json";

    private StateStore() {
    }

    /** Writes a state folder at {@code dir} (replacing an older one of the same name). */
    public static void save(Path dir, LoraNetwork network, org.danlu.engine.train.Optimizer optimizer, TrainState state)
            throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, "." + dir.getFileName() + ".");
        try {
            LoraFile.save(network, tmp.resolve(MODEL), DType.F32, Map.of());
            OptimizerState os = optimizer.exportState();
            SafetensorsWriter w = new SafetensorsWriter().metadata("optimizer", os.optimizer());
            for (Map.Entry<String, NDArray> e : os.tensors().entrySet()) {
                w.add(e.getKey(), e.getValue().toDevice(ai.djl.Device.cpu(), false));
            }
            w.write(tmp.resolve(OPTIMIZER));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("current_epoch", state.epoch());
            json.put("current_step", state.globalStep());
            json.put("danlu", state);
            Files.writeString(tmp.resolve(STATE), JSON.toJson(json), StandardCharsets.UTF_8);
            deleteTree(dir);
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir);
            }
        } finally {
            deleteTree(tmp);
        }
    }

    /** Reads {@code train_state.json} of a state folder; the error names the folder and what is missing. */
    public static TrainState read(Path dir) throws IOException {
        Path f = dir.resolve(STATE);
        if (!Files.isRegularFile(f)) {
            throw new IOException(dir + ": not a Danlu training state (no " + STATE + "); resume takes a folder"
                    + " written with save_state, e.g. runs/<id>/state/<name>-step00000100-state");
        }
        var root = com.google.gson.JsonParser.parseString(Files.readString(f, StandardCharsets.UTF_8)).getAsJsonObject();
        if (!root.has("danlu")) {
            throw new IOException(f + ": written by sd-scripts, not Danlu; its optimizer state cannot be read here."
                    + " Continue from its weights with network_weights = \"" + dir.resolve(MODEL) + "\" instead");
        }
        return JSON.fromJson(root.get("danlu"), TrainState.class);
    }

    /** Loads the LoRA weights and optimizer tensors of a state folder into the network and optimizer. */
    public static void restore(Path dir, LoraNetwork network, org.danlu.engine.train.Optimizer optimizer,
                               TrainState state, NDManager manager) throws IOException {
        try (SafetensorsFile model = SafetensorsFile.open(dir.resolve(MODEL))) {
            network.loadWeights(model, manager);
        }
        try (SafetensorsFile opt = SafetensorsFile.open(dir.resolve(OPTIMIZER)); NDManager tmp = manager.newSubManager()) {
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            for (String name : opt.tensors().keySet()) {
                tensors.put(name, opt.load(name, tmp, DataType.FLOAT32));
            }
            optimizer.importState(new OptimizerState(state.optimizer(), tensors, state.optimizerScalars()));
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
