package org.danlu.engine.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.danlu.engine.model.nn.Conv2d;
import org.danlu.engine.model.nn.Linear;
import org.danlu.engine.model.nn.Module;
import org.danlu.engine.tensor.SafetensorsFile;

/**
 * The set of LoRA adapters on a UNet and/or text encoder, keyed by kohya name. Building it only declares the
 * adapters; {@link #initialize} gives them kohya's initial weights, {@link #loadWeights} reads a kohya file
 * ({@code network_weights}, or applying a finished LoRA), and {@link #attach} hooks them into the model.
 */
public final class LoraNetwork {
    private final Map<String, LoraModule> unetModules;
    private final Map<String, LoraModule> textEncoderModules;
    private final Map<String, Module> targets = new LinkedHashMap<>();

    private LoraNetwork(Map<String, LoraModule> unet, Map<String, LoraModule> te, Map<String, Module> targets) {
        this.unetModules = unet;
        this.textEncoderModules = te;
        this.targets.putAll(targets);
    }

    /** Declares adapters on the layers kohya would choose for {@code spec}; either model may be null. */
    public static LoraNetwork create(Module unet, Module textEncoder, LoraSpec spec) {
        Map<String, LoraModule> u = new LinkedHashMap<>();
        Map<String, LoraModule> t = new LinkedHashMap<>();
        Map<String, Module> targets = new LinkedHashMap<>();
        if (unet != null && spec.trainUnet()) {
            LoraTargets.unet(unet, spec).values().forEach(tg -> add(u, targets, KohyaNames.UNET, tg, spec.dropout()));
        }
        if (textEncoder != null && spec.trainTextEncoder()) {
            LoraTargets.textEncoder(textEncoder, spec).values().forEach(tg -> add(t, targets, KohyaNames.TEXT_ENCODER, tg, spec.dropout()));
        }
        return new LoraNetwork(u, t, targets);
    }

    private static void add(Map<String, LoraModule> into, Map<String, Module> targets, String prefix,
            LoraTargets.Target tg, float dropout) {
        String name = KohyaNames.of(prefix, tg.path());
        // kohya builds SD2 with conv proj_in/proj_out, so its files hold them as [r, in, 1, 1] even where our
        // model (like the checkpoint) has Linear projections.
        boolean asConv = tg.layer() instanceof Linear && (tg.path().endsWith(".proj_in") || tg.path().endsWith(".proj_out"));
        LoraModule m = new LoraModule(name, tg.layer(), tg.rank(), tg.alpha(), asConv);
        m.setDropout(dropout);
        into.put(name, m);
        targets.put(name, tg.layer());
    }

    /**
     * Declares adapters exactly as a kohya file describes them (its ranks and alphas), on the layers of the given
     * models it names, and loads its weights. Keys naming no layer of ours are returned as unknown, never ignored
     * silently.
     */
    public static LoraNetwork fromFile(SafetensorsFile file, Module unet, Module textEncoder, NDManager manager,
            List<String> unknownOut) throws IOException {
        Map<String, Module> layers = new LinkedHashMap<>();
        if (unet != null) {
            collectLayers(unet, KohyaNames.UNET, layers);
        }
        if (textEncoder != null) {
            collectLayers(textEncoder, KohyaNames.TEXT_ENCODER, layers);
        }
        Map<String, LoraModule> u = new LinkedHashMap<>();
        Map<String, LoraModule> t = new LinkedHashMap<>();
        Map<String, Module> targets = new LinkedHashMap<>();
        for (String key : file.tensors().keySet()) {
            if (!key.endsWith(".lora_down.weight")) {
                continue;
            }
            String name = key.substring(0, key.length() - ".lora_down.weight".length());
            Module layer = layers.get(name);
            if (layer == null) {
                unknownOut.add(name);
                continue;
            }
            int rank = (int) file.info(key).shape()[0];
            float alpha = file.contains(name + ".alpha") ? file.load(name + ".alpha", manager, DataType.FLOAT32).getFloat() : rank;
            boolean asConv = layer instanceof Linear && file.info(key).shape().length == 4;
            LoraModule m = new LoraModule(name, layer, rank, alpha, asConv);
            (name.startsWith(KohyaNames.UNET + "_") ? u : t).put(name, m);
            targets.put(name, layer);
        }
        LoraNetwork net = new LoraNetwork(u, t, targets);
        net.loadWeights(file, manager);
        return net;
    }

    private static void collectLayers(Module root, String prefix, Map<String, Module> out) {
        root.namedModules().forEach((path, m) -> {
            if (m instanceof Linear || m instanceof Conv2d) {
                out.put(KohyaNames.of(prefix, path), m);
            }
        });
    }

    /** kohya's initial weights from a seeded generator (down uniform, up zero). */
    public void initialize(NDManager manager, long seed) {
        Random rng = new Random(seed);
        for (LoraModule m : all()) {
            m.initialize(manager, rng);
        }
    }

    /** Reads down/up weights for every declared adapter from a kohya file; shapes must match. */
    public void loadWeights(SafetensorsFile file, NDManager manager) throws IOException {
        for (LoraModule m : all()) {
            String n = m.kohyaName();
            for (var p : List.of(m.downWeight(), m.upWeight())) {
                String key = n + "." + (p == m.downWeight() ? "lora_down" : "lora_up") + ".weight";
                if (!file.contains(key)) {
                    throw new IOException(file.path() + ": missing " + key);
                }
                NDArray a = file.load(key, manager, DataType.FLOAT32);
                if (a.getShape().size() != p.shape().size()) {
                    throw new IOException(file.path() + ": " + key + " has shape " + a.getShape() + ", expected " + p.shape());
                }
                p.set(a.reshape(p.shape()));
            }
        }
    }

    /** Hooks every adapter into its layer's forward. */
    public void attach() {
        for (LoraModule m : all()) {
            setDelta(targets.get(m.kohyaName()), m);
        }
    }

    /** Unhooks every adapter; the model computes as without LoRA again. */
    public void detach() {
        for (LoraModule m : all()) {
            setDelta(targets.get(m.kohyaName()), null);
        }
    }

    private static void setDelta(Module layer, LoraModule m) {
        if (layer instanceof Linear l) {
            l.setDelta(m);
        } else {
            ((Conv2d) layer).setDelta(m);
        }
    }

    public void setMultiplier(float multiplier) {
        all().forEach(m -> m.setMultiplier(multiplier));
    }

    public void setTraining(boolean training) {
        all().forEach(m -> m.setTraining(training));
    }

    public Map<String, LoraModule> unetModules() {
        return Collections.unmodifiableMap(unetModules);
    }

    public Map<String, LoraModule> textEncoderModules() {
        return Collections.unmodifiableMap(textEncoderModules);
    }

    public List<LoraModule> all() {
        List<LoraModule> out = new ArrayList<>(textEncoderModules.values());
        out.addAll(unetModules.values());
        return out;
    }

    /** Every tensor name of the kohya file this network saves, with its shape; needs no weights. */
    public Map<String, Shape> kohyaShapes() {
        Map<String, Shape> out = new LinkedHashMap<>();
        for (LoraModule m : all()) {
            String n = m.kohyaName();
            out.put(n + ".alpha", new Shape());
            out.put(n + ".lora_down.weight", savedShape(m, m.downWeight().shape()));
            out.put(n + ".lora_up.weight", savedShape(m, m.upWeight().shape()));
        }
        return out;
    }

    private static Shape savedShape(LoraModule m, Shape s) {
        return m.saveAsConv1x1() ? new Shape(s.get(0), s.get(1), 1, 1) : s;
    }

    /**
     * The tensors of a kohya LoRA file, in kohya's order (text encoder first), as {@code dtype}:
     * {@code <name>.alpha} (0-dim), {@code <name>.lora_down.weight}, {@code <name>.lora_up.weight}.
     * Arrays are new and belong to {@code manager}.
     */
    public Map<String, NDArray> kohyaTensors(NDManager manager, DataType dtype) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (LoraModule m : all()) {
            String n = m.kohyaName();
            out.put(n + ".alpha", manager.create(m.alpha()).reshape(new Shape()).toType(dtype, false));
            out.put(n + ".lora_down.weight", asSaved(m, m.downWeight().get(), manager, dtype));
            out.put(n + ".lora_up.weight", asSaved(m, m.upWeight().get(), manager, dtype));
        }
        return out;
    }

    private static NDArray asSaved(LoraModule m, NDArray w, NDManager manager, DataType dtype) {
        NDArray copy = w.toType(dtype, true);
        copy.attach(manager);
        return copy.reshape(savedShape(m, copy.getShape()));
    }
}
