package org.danlu.engine.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.danlu.engine.model.clip.ClipTextConfig;
import org.danlu.engine.model.clip.ClipTextModel;
import org.danlu.engine.model.load.Architecture;
import org.danlu.engine.model.load.Checkpoint;
import org.danlu.engine.model.load.Component;
import org.danlu.engine.model.load.ComponentWeights;
import org.danlu.engine.model.load.LoadReport;
import org.danlu.engine.model.nn.Module;
import org.danlu.engine.model.unet.UNet2DConditionModel;
import org.danlu.engine.model.unet.UNetConfig;
import org.danlu.engine.model.vae.AutoencoderKL;
import org.danlu.engine.model.vae.VaeConfig;

/**
 * The three models of a Stable Diffusion checkpoint, built from its configs and loaded (strictly, frozen) onto one
 * device in one dtype: what training and sampling start from.
 */
public record SdModels(ClipTextModel textEncoder, UNet2DConditionModel unet, AutoencoderKL vae, Architecture architecture,
        String predictionType) {

    /**
     * Opens {@code checkpoint} (diffusers folder or single file; {@code configFolder} may be null, see
     * {@link Checkpoint#open(Path, Path)}), builds and loads all three models onto {@code manager}'s device as
     * {@code dtype}. The files are closed again before returning: the weights live in {@code manager}.
     */
    public static SdModels load(Path checkpoint, Path configFolder, NDManager manager, DataType dtype) throws IOException {
        try (Checkpoint c = Checkpoint.open(checkpoint, configFolder)) {
            ClipTextModel te = (ClipTextModel) skeleton(c.component(Component.TEXT_ENCODER));
            UNet2DConditionModel unet = (UNet2DConditionModel) skeleton(c.component(Component.UNET));
            AutoencoderKL vae = (AutoencoderKL) skeleton(c.component(Component.VAE));
            c.component(Component.TEXT_ENCODER).loadInto(te, manager, dtype);
            c.component(Component.UNET).loadInto(unet, manager, dtype);
            c.component(Component.VAE).loadInto(vae, manager, dtype);
            return new SdModels(te, unet, vae, c.architecture(), c.predictionType());
        }
    }

    /** The model tree a component's config describes, with no weights yet (cheap: parameters are only shapes). */
    public static Module skeleton(ComponentWeights w) throws IOException {
        switch (w.component()) {
            case TEXT_ENCODER: return new ClipTextModel(ClipTextConfig.fromJson(w.config(), w.configOrigin()));
            case UNET: return new UNet2DConditionModel(UNetConfig.fromJson(w.config(), w.configOrigin()));
            default: return new AutoencoderKL(VaeConfig.fromJson(w.config(), w.configOrigin()));
        }
    }

    /** How each model of {@code c} fits its tree: missing, unexpected, mis-shaped keys (nothing is read). */
    public static Map<Component, LoadReport> fit(Checkpoint c) throws IOException {
        Map<Component, LoadReport> out = new EnumMap<>(Component.class);
        for (Map.Entry<Component, ComponentWeights> e : c.components().entrySet()) {
            out.put(e.getKey(), e.getValue().check(skeleton(e.getValue())));
        }
        return out;
    }
}
