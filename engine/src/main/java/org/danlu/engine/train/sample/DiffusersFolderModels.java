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
import org.danlu.engine.model.nn.Weights;
import org.danlu.engine.model.unet.UNet2DConditionModel;
import org.danlu.engine.model.unet.UNetConfig;
import org.danlu.engine.model.vae.AutoencoderKL;
import org.danlu.engine.tensor.SafetensorsFile;

/**
 * A diffusers pipeline folder ({@code model_index.json}, {@code unet/}, {@code text_encoder/}, {@code vae/}) loaded
 * for sampling from the command line, with an optional kohya LoRA attached at a multiplier. The weights live in a
 * manager of their own, closed with this object.
 *
 * <p>Until the shared checkpoint loader ({@code model.load}, both layouts) is on main this reads the diffusers layout
 * only, through the model classes' own loaders.
 */
public final class DiffusersFolderModels implements AutoCloseable {
    private final NDManager weights;
    private final ClipTokenizer tokenizer;
    private final AttentionMode.Choice attention;
    private final SampleModels models;
    private final String loraLabel;
    private final List<String> notes;

    private DiffusersFolderModels(NDManager weights, ClipTokenizer tokenizer, AttentionMode.Choice attention,
            SampleModels models, String loraLabel, List<String> notes) {
        this.weights = weights;
        this.tokenizer = tokenizer;
        this.attention = attention;
        this.models = models;
        this.loraLabel = loraLabel;
        this.notes = notes;
    }

    /**
     * @param tokenizerPath a configured tokenizer.json (or folder), or null to look in the model folder and the
     *     HuggingFace cache (see {@link TokenizerLocator})
     * @param lora a kohya LoRA file, or null
     */
    public static DiffusersFolderModels load(Path folder, Path tokenizerPath, Path lora, float multiplier,
            NDManager parent, DataType dtype) throws IOException {
        if (!Files.isRegularFile(folder.resolve("model_index.json"))) {
            throw new IOException(folder + ": not a diffusers model folder (no model_index.json); give the folder"
                    + " that holds model_index.json, unet/, text_encoder/ and vae/");
        }
        List<String> notes = new ArrayList<>();
        NDManager weights = parent.newSubManager();
        ClipTokenizer tokenizer = null;
        AttentionMode.Choice attention = null;
        try {
            // the tokenizer first: a missing one is the likeliest problem, reported before any weight is read
            Path tokJson = TokenizerLocator.locate(tokenizerPath, folder,
                    TokenizerLocator.hubCache(System.getenv(), Path.of(System.getProperty("user.home"))));
            ClipTextModel te = ClipTextModel.load(folder.resolve("text_encoder"), weights, dtype);
            String pad = te.config().hiddenAct().equals("gelu") ? ClipTokenizer.SD2_PAD : ClipTokenizer.SD1_PAD;
            tokenizer = ClipTokenizer.open(tokJson, pad);
            UNet2DConditionModel unet = new UNet2DConditionModel(UNetConfig.read(folder.resolve("unet/config.json")));
            try (SafetensorsFile f = SafetensorsFile.open(folder.resolve("unet/diffusion_pytorch_model.safetensors"))) {
                Weights.load(unet, Weights.of(f), weights, dtype);
            }
            attention = AttentionMode.SDPA.resolve(weights);
            unet.setAttention(attention.function());
            notes.add("attention: " + attention.note());
            AutoencoderKL vae = AutoencoderKL.load(folder.resolve("vae"), weights, dtype);
            String label = null;
            if (lora != null) {
                List<String> unknown = new ArrayList<>();
                try (SafetensorsFile f = SafetensorsFile.open(lora)) {
                    LoraNetwork net = LoraNetwork.fromFile(f, unet, te, weights, unknown);
                    net.setMultiplier(multiplier);
                    net.attach();
                    if (net.all().isEmpty()) {
                        throw new IOException(lora + ": no LoRA module of this file matches the model; is it a"
                                + " LoRA for SD 1.x/2.x in kohya's format?");
                    }
                    notes.add("lora: " + net.all().size() + " modules from " + lora.getFileName()
                            + (unknown.isEmpty() ? "" : "; " + unknown.size() + " names match no layer, e.g. "
                                    + unknown.get(0)));
                }
                String name = lora.getFileName().toString();
                label = (name.endsWith(".safetensors") ? name.substring(0, name.length() - 12) : name) + ":"
                        + multiplier;
            }
            return new DiffusersFolderModels(weights, tokenizer,
                    attention, new SampleModels(tokenizer, te, unet, vae, dtype), label, List.copyOf(notes));
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
