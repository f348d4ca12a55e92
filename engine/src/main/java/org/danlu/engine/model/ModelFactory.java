package org.danlu.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.danlu.engine.model.clip.ClipTextModel;
import org.danlu.engine.model.load.ComponentWeights;
import org.danlu.engine.model.nn.AttentionFunction;
import org.danlu.engine.model.nn.Module;
import org.danlu.engine.model.unet.UNet2DConditionModel;
import org.danlu.engine.model.vae.AutoencoderKL;

/** Builds the model a {@link RunTarget} needs from a checkpoint's config and loads its weights strictly. */
final class ModelFactory {
    private ModelFactory() {}

    static ComponentRun.Built build(RunTarget target, ComponentWeights weights, NDManager manager, DataType dtype,
            AttentionFunction attention) throws IOException {
        switch (target) {
            case UNET: {
                UNet2DConditionModel m = (UNet2DConditionModel) SdModels.skeleton(weights);
                weights.loadInto(m, manager, dtype);
                m.setAttention(attention);
                return built(m, in -> Map.of("out", m.forward(in.get("sample"), in.get("timestep"), in.get("encoder_hidden_states"))));
            }
            case TEXT_ENCODER: {
                ClipTextModel m = (ClipTextModel) SdModels.skeleton(weights);
                weights.loadInto(m, manager, dtype);
                return built(m, in -> textEncoder(m, in.get("input_ids")));
            }
            case VAE_ENCODER: {
                AutoencoderKL m = (AutoencoderKL) SdModels.skeleton(weights);
                weights.loadInto(m, manager, dtype);
                return built(m, in -> {
                    AutoencoderKL.LatentDistribution d = m.encode(in.get("image"));
                    return Map.of("mean", d.mean(), "logvar", d.logvar());
                });
            }
            case VAE_DECODER: {
                AutoencoderKL m = (AutoencoderKL) SdModels.skeleton(weights);
                weights.loadInto(m, manager, dtype);
                return built(m, in -> Map.of("image", m.decode(in.get("z"))));
            }
            default:
                throw new IllegalStateException("no model for " + target);
        }
    }

    /** The golden text encoder outputs: CLIPTextModel(input_ids, output_hidden_states=True) and kohya's clip skip 2. */
    private static Map<String, NDArray> textEncoder(ClipTextModel m, NDArray ids) {
        ClipTextModel.Output o = m.forward(ids);
        List<NDArray> hidden = o.hiddenStates();
        Map<String, NDArray> out = new LinkedHashMap<>();
        out.put("last_hidden_state", o.lastHiddenState());
        out.put("clip_skip_2", m.encode(ids, 2));
        out.put("penultimate_raw", hidden.get(hidden.size() - 2));
        out.put("pooler_output", o.pooled());
        return out;
    }

    private interface Forward {
        Map<String, NDArray> apply(Map<String, NDArray> inputs);
    }

    private static ComponentRun.Built built(Module module, Forward forward) {
        return new ComponentRun.Built() {
            @Override
            public Module module() {
                return module;
            }

            @Override
            public Map<String, NDArray> forward(Map<String, NDArray> inputs) {
                return forward.apply(inputs);
            }
        };
    }
}
