package org.danlu.engine.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.danlu.engine.lora.KohyaNames;
import org.danlu.engine.lora.LoraNetwork;
import org.danlu.engine.model.load.Checkpoint;
import org.danlu.engine.model.load.Component;
import org.danlu.engine.model.load.ComponentWeights;
import org.danlu.engine.model.nn.AttentionMode;
import org.danlu.engine.model.nn.Module;
import org.danlu.engine.tensor.DType;
import org.danlu.engine.tensor.SafetensorsFile;
import org.danlu.engine.tensor.SafetensorsWriter;
import org.danlu.engine.tensor.TensorInfo;

/**
 * Runs one model of a checkpoint on tensors read from a safetensors file and writes its outputs (F32) to another:
 * how anyone checks a checkpoint or a LoRA file against another implementation. Tensor names are those of the
 * golden files ({@link RunTarget}).
 */
public final class ComponentRun {
    private ComponentRun() {}

    /**
     * @param configFolder diffusers folder with config.json files for a single file, or null
     * @param lora kohya LoRA file applied at {@code multiplier}, or null
     * @param device null: the first GPU when libtorch has one, else the CPU
     */
    public record Request(Path model, Path configFolder, RunTarget target, Path inputs, Path out, Path lora, float multiplier,
            Device device, DataType dtype, AttentionMode attention) {}

    /** What was written, and facts worth printing. */
    public record Result(Path out, Map<String, long[]> written, Device device, int loraModules, List<String> notes) {}

    /** A model built from a checkpoint, and its forward from named inputs to named outputs. */
    interface Built {
        Module module();

        Map<String, NDArray> forward(Map<String, NDArray> inputs);
    }

    public static Result run(Request r) throws IOException {
        Device device = r.device() != null ? r.device() : Engine.getEngine("PyTorch").defaultDevice();
        List<String> notes = new ArrayList<>();
        try (SafetensorsFile in = SafetensorsFile.open(r.inputs());
                Checkpoint ckpt = Checkpoint.open(r.model(), r.configFolder());
                NDManager manager = Engine.getEngine("PyTorch").newBaseManager(device)) {
            for (String name : r.target().inputs()) {
                if (!in.contains(name)) {
                    throw new IOException(r.inputs() + ": no tensor '" + name + "'; " + r.target().cliName() + " reads "
                            + String.join(", ", r.target().inputs()) + " (the golden files' names)");
                }
            }
            ComponentWeights weights = ckpt.component(r.target().component());
            AttentionMode.Choice attention = r.target() == RunTarget.UNET ? r.attention().resolve(manager)
                    : AttentionMode.CHUNKED.resolve(manager);
            if (r.target() == RunTarget.UNET) {
                notes.add("attention: " + attention.note());
            }
            try {
                return run(r, in, ckpt, weights, manager, attention, device, notes);
            } finally {
                closeQuietly(attention);
            }
        }
    }

    private static Result run(Request r, SafetensorsFile in, Checkpoint ckpt, ComponentWeights weights, NDManager manager,
            AttentionMode.Choice attention, Device device, List<String> notes) throws IOException {
        Built built = ModelFactory.build(r.target(), weights, manager, r.dtype(), attention.function());
        int loraModules = 0;
        if (r.lora() != null) {
            loraModules = applyLora(r, built.module(), manager, notes);
        }
        Map<String, NDArray> inputs = new LinkedHashMap<>();
        for (String name : r.target().inputs()) {
            TensorInfo t = in.info(name);
            inputs.put(name, t.dtype().isFloat() ? in.load(name, manager, r.dtype()) : in.load(name, manager));
        }
        Map<String, NDArray> outputs = built.forward(inputs);
        SafetensorsWriter w = new SafetensorsWriter()
                .metadata("generator", "danlu model run")
                .metadata("component", r.target().cliName())
                .metadata("model", r.model().toString())
                .metadata("dtype", r.dtype().toString().toLowerCase(java.util.Locale.ROOT));
        if (r.lora() != null) {
            w.metadata("lora", r.lora().toString()).metadata("multiplier", Float.toString(r.multiplier()));
        }
        Map<String, long[]> written = new LinkedHashMap<>();
        for (String name : r.target().outputs()) {
            NDArray a = outputs.get(name);
            w.add(name, a.getDataType() == DataType.FLOAT32 ? a : a.toType(DataType.FLOAT32, false), DType.F32);
            written.put(name, a.getShape().getShape());
        }
        w.write(r.out());
        notes.addAll(ckpt.notes());
        return new Result(r.out(), written, device, loraModules, notes);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // the run's result stands; a kernel that fails to close leaks nothing the process keeps
        }
    }

    /** Hooks a kohya LoRA file's modules for this model into its layers; keys for the other model are skipped. */
    private static int applyLora(Request r, Module model, NDManager manager, List<String> notes) throws IOException {
        Component c = r.target().component();
        if (c == Component.VAE) {
            throw new IOException(r.lora() + ": LoRA files adapt the UNet and the text encoder, not the VAE");
        }
        List<String> unknown = new ArrayList<>();
        try (SafetensorsFile f = SafetensorsFile.open(r.lora())) {
            LoraNetwork net = c == Component.UNET ? LoraNetwork.fromFile(f, model, null, manager, unknown)
                    : LoraNetwork.fromFile(f, null, model, manager, unknown);
            String own = (c == Component.UNET ? KohyaNames.UNET : KohyaNames.TEXT_ENCODER) + "_";
            List<String> strangers = unknown.stream().filter(n -> n.startsWith(own)).toList();
            if (!strangers.isEmpty()) {
                throw new IOException(r.lora() + ": " + strangers.size() + " LoRA modules name no layer of this "
                        + c.folder() + ", e.g. " + strangers.get(0) + " (a LoRA for another architecture?)");
            }
            int mine = c == Component.UNET ? net.unetModules().size() : net.textEncoderModules().size();
            if (mine == 0) {
                notes.add(r.lora() + " holds no modules for the " + c.folder() + "; it changes nothing here");
            }
            net.setMultiplier(r.multiplier());
            net.attach();
            return mine;
        }
    }
}
