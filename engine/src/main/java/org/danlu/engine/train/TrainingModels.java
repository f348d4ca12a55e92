package org.danlu.engine.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.danlu.engine.model.SdModels;
import org.danlu.engine.model.clip.ClipTextModel;
import org.danlu.engine.model.clip.ClipTokenizer;
import org.danlu.engine.model.clip.TokenizerLocator;
import org.danlu.engine.model.load.Checkpoint;
import org.danlu.engine.model.load.Component;
import org.danlu.engine.model.load.ComponentWeights;
import org.danlu.engine.model.unet.UNet2DConditionModel;
import org.danlu.engine.model.vae.AutoencoderKL;

/**
 * The frozen base model a LoRA trains on: UNet and text encoder in the weight dtype (fp32 on CPU, fp16 on GPU
 * under mixed precision), the VAE in fp32 (SD's VAE overflows in fp16), the tokenizer, and an identity of the VAE
 * for the latent cache. Loaded from a diffusers folder or a single .safetensors file through {@link Checkpoint}.
 */
public record TrainingModels(UNet2DConditionModel unet, ClipTextModel textEncoder, AutoencoderKL vae,
                             ClipTokenizer tokenizer, DataType weightType, String vaeIdentity, boolean v2)
        implements AutoCloseable {

    /**
     * Loads every part. {@code tokenizerPath} may be null: the tokenizer is then looked for beside the model
     * and in the HuggingFace cache ({@link TokenizerLocator}).
     */
    public static TrainingModels load(Path model, Path tokenizerPath, boolean v2, NDManager manager,
                                      DataType weightType) throws IOException {
        try (Checkpoint ckpt = Checkpoint.open(model)) {
            // UNet and text encoder in the weight dtype; the VAE stays fp32 (SD's VAE overflows in fp16).
            ComponentWeights u = ckpt.component(Component.UNET);
            UNet2DConditionModel unet = (UNet2DConditionModel) SdModels.skeleton(u);
            u.loadInto(unet, manager, weightType);
            ComponentWeights t = ckpt.component(Component.TEXT_ENCODER);
            ClipTextModel te = (ClipTextModel) SdModels.skeleton(t);
            t.loadInto(te, manager, weightType);
            ComponentWeights v = ckpt.component(Component.VAE);
            AutoencoderKL vae = (AutoencoderKL) SdModels.skeleton(v);
            v.loadInto(vae, manager, DataType.FLOAT32);
            Path folder = Files.isDirectory(model) ? model : null;
            Path tok = TokenizerLocator.locate(tokenizerPath, folder,
                    TokenizerLocator.hubCache(System.getenv(), Path.of(System.getProperty("user.home"))));
            ClipTokenizer tokenizer = ClipTokenizer.open(tok, v2 ? ClipTokenizer.SD2_PAD : ClipTokenizer.SD1_PAD);
            return new TrainingModels(unet, te, vae, tokenizer, weightType, identity(model, v), v2);
        }
    }

    /**
     * Names the VAE weights for the latent cache: the file(s) it came from with their sizes and modification
     * times, hashed. A changed or replaced VAE gives a new identity, so stale latents are never reused.
     */
    private static String identity(Path model, ComponentWeights vae) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(vae.config().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (Path f : vae.tensors().values().stream().map(t -> t.file()).distinct().sorted().toList()) {
                Path abs = f.toAbsolutePath().normalize();
                md.update((abs + "|" + Files.size(abs) + "|" + Files.getLastModifiedTime(abs).toMillis())
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
