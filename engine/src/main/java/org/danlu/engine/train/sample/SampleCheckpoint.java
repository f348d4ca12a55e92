package org.danlu.engine.train.sample;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.danlu.engine.lora.LoraNetwork;
import org.danlu.engine.model.clip.ClipTextModel;
import org.danlu.engine.model.clip.ClipTokenizer;
import org.danlu.engine.model.clip.TokenizerLocator;
import org.danlu.engine.model.nn.AttentionMode;
import org.danlu.engine.model.SdModels;
import org.danlu.engine.model.load.Architecture;
import org.danlu.engine.model.unet.UNet2DConditionModel;
import org.danlu.engine.tensor.SafetensorsFile;

/**
 * A Stable Diffusion checkpoint loaded for sampling from the command line: a diffusers folder or a single-file
 * checkpoint (through the shared loader, {@link SdModels}), its CLIP tokenizer, and an optional kohya LoRA attached at a
 * multiplier. The weights live in a manager of their own, closed with this object.
 */
public final class SampleCheckpoint implements AutoCloseable {
    private final NDManager weights;
    private final ClipTokenizer tokenizer;
    private final AttentionMode.Choice attention;
    private final SampleModels models;
    private final boolean vPrediction;
    private final String loraLabel;
    private final List<String> notes;

    private SampleCheckpoint(NDManager weights, ClipTokenizer tokenizer, AttentionMode.Choice attention,
            SampleModels models, boolean vPrediction, String loraLabel, List<String> notes) {
        this.weights = weights;
        this.tokenizer = tokenizer;
        this.attention = attention;
        this.models = models;
        this.vPrediction = vPrediction;
        this.loraLabel = loraLabel;
        this.notes = notes;
    }

    /**
     * @param checkpoint a diffusers folder or a single .safetensors checkpoint
     * @param configFolder a diffusers folder whose config.json files describe a single file, or null (see
     *     {@link org.danlu.engine.model.load.Checkpoint#open(Path, Path)})
     * @param tokenizerPath a configured tokenizer.json (or folder), or null to look in the model folder and the
     *     HuggingFace cache (see {@link TokenizerLocator})
     * @param lora a kohya LoRA file, or null
     */
    public static SampleCheckpoint load(Path checkpoint, Path configFolder, Path tokenizerPath, Path lora,
            float multiplier, NDManager parent, DataType dtype) throws IOException {
        List<String> notes = new ArrayList<>();
        // the tokenizer first: a missing one is the likeliest problem, reported before any weight is read
        Path tokJson = TokenizerLocator.locate(tokenizerPath, Files.isDirectory(checkpoint) ? checkpoint : null,
                TokenizerLocator.hubCache(System.getenv(), Path.of(System.getProperty("user.home"))));
        NDManager weights = parent.newSubManager();
        ClipTokenizer tokenizer = null;
        AttentionMode.Choice attention = null;
        try {
            SdModels sd = SdModels.load(checkpoint, configFolder, weights, dtype);
            ClipTextModel te = sd.textEncoder();
            UNet2DConditionModel unet = sd.unet();
            String pad = sd.architecture() == Architecture.SD2 ? ClipTokenizer.SD2_PAD : ClipTokenizer.SD1_PAD;
            tokenizer = ClipTokenizer.open(tokJson, pad);
            notes.add("model: " + sd.architecture() + ", " + sd.predictionType());
            attention = AttentionMode.SDPA.resolve(weights);
            unet.setAttention(attention.function());
            notes.add("attention: " + attention.note());
            String label = null;
            if (lora != null) {
                List<String> unknown = new ArrayList<>();
                try (SafetensorsFile f = SafetensorsFile.open(lora)) {
                    LoraNetwork net = LoraNetwork.fromFile(f, unet, te, weights, unknown);
                    if (net.all().isEmpty()) {
                        throw new IOException(lora + ": no LoRA module of this file matches the model; is it a"
                                + " kohya-format LoRA for this model's family (" + sd.architecture() + ")?");
                    }
                    net.setMultiplier(multiplier);
                    net.attach();
                    notes.add("lora: " + net.all().size() + " modules from " + lora.getFileName()
                            + (unknown.isEmpty() ? "" : "; " + unknown.size() + " names match no layer, e.g. "
                                    + unknown.get(0)));
                }
                String name = lora.getFileName().toString();
                label = (name.endsWith(".safetensors") ? name.substring(0, name.length() - 12) : name) + ":"
                        + multiplier;
            }
            return new SampleCheckpoint(weights, tokenizer, attention,
                    new SampleModels(tokenizer, te, unet, sd.vae(), dtype),
                    "v_prediction".equals(sd.predictionType()), label, List.copyOf(notes));
        } catch (IOException | RuntimeException e) {
            if (tokenizer != null) {
                tokenizer.close();
            }
            closeQuietly(attention);
            weights.close();
            throw e;
        }
    }

    public SampleModels models() {
        return models;
    }

    /** Whether the checkpoint predicts v (its scheduler config, or the SD 2.x 768-v yaml), not ε. */
    public boolean vPrediction() {
        return vPrediction;
    }

    /** "name:multiplier" of the attached LoRA for the PNG, or null. */
    public String loraLabel() {
        return loraLabel;
    }

    /** What was chosen while loading (attention kernel, LoRA modules), for the user. */
    public List<String> notes() {
        return notes;
    }

    @Override
    public void close() {
        tokenizer.close();
        closeQuietly(attention);
        weights.close();
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // releasing a TorchScript module cannot fail in a way the user could act on
        }
    }
}
