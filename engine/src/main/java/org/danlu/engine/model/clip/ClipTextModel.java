package org.danlu.engine.model.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.danlu.engine.model.nn.Activations;
import org.danlu.engine.model.nn.Attention;
import org.danlu.engine.model.nn.LayerNorm;
import org.danlu.engine.model.nn.Linear;
import org.danlu.engine.model.nn.Module;
import org.danlu.engine.model.nn.Parameter;
import org.danlu.engine.tensor.SafetensorsFile;

/**
 * transformers' {@code CLIPTextModel} (v4.36) as Stable Diffusion uses it: token + position embeddings, pre-norm
 * transformer layers with causal self-attention and no padding mask, a final layer norm. Parameter paths equal the
 * transformers state-dict keys ({@code text_model.encoder.layers.3.self_attn.q_proj.weight}).
 *
 * <p>Shapes: B batch, T tokens (77 for SD), D hidden size, H heads, d = D/H head size.
 *
 * <p>Every forward runs in its own sub-manager of the input's manager; only the returned arrays survive it (they
 * belong to the input's manager), so nothing accumulates over thousands of calls.
 */
public final class ClipTextModel extends Module {
    private final ClipTextConfig config;
    private final TextTransformer textModel;

    public ClipTextModel(ClipTextConfig config) {
        this.config = config;
        this.textModel = child("text_model", new TextTransformer(config));
    }

    /**
     * Loads a transformers text-encoder folder ({@code config.json} + {@code model.safetensors}, as in a diffusers
     * pipeline's {@code text_encoder/}) strictly, as {@code type} on the manager's device.
     */
    public static ClipTextModel load(Path folder, NDManager manager, DataType type) throws IOException {
        ClipTextModel model = new ClipTextModel(ClipTextConfig.read(folder.resolve("config.json")));
        Path weights = folder.resolve("model.safetensors");
        if (!Files.isRegularFile(weights)) {
            throw new IOException(weights + ": not found; a text encoder folder holds config.json and model.safetensors"
                    + " (convert a pytorch_model.bin to safetensors first)");
        }
        try (SafetensorsFile file = SafetensorsFile.open(weights)) {
            model.loadWeights(file, manager, type);
        }
        return model;
    }

    /**
     * Fills every parameter from a file keyed by transformers names, strictly (missing, unexpected or mis-shaped
     * keys are an error). A persistent {@code position_ids} buffer, which older files carry, is allowed.
     */
    public void loadWeights(SafetensorsFile file, NDManager manager, DataType type) throws IOException {
        StrictLoad.load(this, file, manager, type, Set.of("text_model.embeddings.position_ids"));
    }

    public ClipTextConfig config() {
        return config;
    }

    /** The final layer norm, which kohya's clip skip applies to an earlier layer's output. */
    public LayerNorm finalLayerNorm() {
        return textModel.finalLayerNorm;
    }

    /**
     * What {@code CLIPTextModel(input_ids, output_hidden_states=True)} returns.
     *
     * @param lastHiddenState [B, T, D] final_layer_norm(hiddenStates[last])
     * @param hiddenStates numLayers + 1 arrays [B, T, D]: the embeddings, then each layer's output (no final norm)
     * @param pooled [B, D] lastHiddenState at the EOS position (see {@link ClipTextConfig#eosTokenId()})
     */
    public record Output(NDArray lastHiddenState, List<NDArray> hiddenStates, NDArray pooled) implements AutoCloseable {
        @Override
        public void close() {
            lastHiddenState.close();
            hiddenStates.forEach(NDArray::close);
            pooled.close();
        }
    }

    /** The full forward with every hidden state. {@code inputIds}: [B, T] integer ids. */
    public Output forward(NDArray inputIds) {
        NDManager caller = inputIds.getManager();
        try (NDManager scope = caller.newSubManager()) {
            inputIds.tempAttach(scope);
            List<NDArray> hidden = textModel.run(inputIds, config.numHiddenLayers(), true);
            NDArray last = textModel.finalLayerNorm.forward(hidden.get(hidden.size() - 1)); // [B, T, D]
            NDArray pooled = pool(last, inputIds.toLongArray(), inputIds.getShape()); // [B, D]
            hidden.forEach(h -> h.attach(caller));
            last.attach(caller);
            pooled.attach(caller);
            return new Output(last, List.copyOf(hidden), pooled);
        }
    }

    /**
     * kohya sd-scripts' conditioning for one 77-token window per row: {@code final_layer_norm(hidden_states[-clipSkip])}
     * ({@code library/train_util.py get_hidden_states}); clipSkip 1 is {@code last_hidden_state}. Only the layers
     * that output needs are run, which is exact since later layers never feed back.
     *
     * @param inputIds [B, T] integer ids
     * @param clipSkip 1 ..= numHiddenLayers + 1 (Python's negative index into the numHiddenLayers + 1 states)
     * @return [B, T, D] in the input's manager
     */
    public NDArray encode(NDArray inputIds, int clipSkip) {
        int layers = config.numHiddenLayers();
        if (clipSkip < 1 || clipSkip > layers + 1) {
            throw new IllegalArgumentException("clip_skip " + clipSkip + " is out of range 1.." + (layers + 1)
                    + " for a text encoder with " + layers + " layers");
        }
        NDManager caller = inputIds.getManager();
        try (NDManager scope = caller.newSubManager()) {
            inputIds.tempAttach(scope);
            List<NDArray> hidden = textModel.run(inputIds, layers + 1 - clipSkip, false);
            NDArray out = textModel.finalLayerNorm.forward(hidden.get(0)); // [B, T, D]
            out.attach(caller);
            return out;
        }
    }

    /**
     * transformers 4.36 {@code CLIPTextTransformer.forward} pooling: with the legacy eos_token_id 2, the position of
     * the largest id (the real vocabulary's EOS is its largest id); otherwise the first position holding the EOS id.
     * torch's argmax returns the first maximum, and so do both searches here.
     */
    private NDArray pool(NDArray last, long[] ids, Shape idShape) {
        int b = (int) idShape.get(0);
        int t = (int) idShape.get(1);
        NDList rows = new NDList(b);
        for (int i = 0; i < b; i++) {
            rows.add(last.get(new NDIndex("{}, {}", i, eosPosition(ids, i * t, t)))); // [D]
        }
        return NDArrays.stack(rows, 0); // [B, D]
    }

    private int eosPosition(long[] ids, int offset, int t) {
        int best = 0;
        if (config.eosTokenId() == 2) {
            for (int j = 1; j < t; j++) {
                if (ids[offset + j] > ids[offset + best]) {
                    best = j;
                }
            }
            return best;
        }
        for (int j = 0; j < t; j++) {
            if (ids[offset + j] == config.eosTokenId()) {
                return j;
            }
        }
        return 0; // argmax of an all-zero mask, as torch gives
    }

    /** {@code text_model}: embeddings, encoder, final_layer_norm. */
    static final class TextTransformer extends Module {
        final Embeddings embeddings;
        final Encoder encoder;
        final LayerNorm finalLayerNorm;

        TextTransformer(ClipTextConfig c) {
            embeddings = child("embeddings", new Embeddings(c));
            encoder = child("encoder", new Encoder(c));
            finalLayerNorm = child("final_layer_norm", new LayerNorm(c.hiddenSize(), c.layerNormEps()));
        }

        /**
         * Embeds and runs the first {@code layers} layers. With {@code keepAll} it returns every state (embeddings
         * first); otherwise only the last one. Arrays land in the ids' manager.
         */
        List<NDArray> run(NDArray ids, int layers, boolean keepAll) {
            NDArray h = embeddings.forward(ids); // [B, T, D]
            List<NDArray> states = new ArrayList<>();
            states.add(h);
            for (int i = 0; i < layers; i++) {
                h = encoder.layers.get(i).forward(h);
                if (keepAll) {
                    states.add(h);
                } else {
                    states.set(0, h);
                }
            }
            return states;
        }
    }

    /** {@code text_model.embeddings}: token_embedding [V, D] + position_embedding [P, D] at positions 0..T-1. */
    static final class Embeddings extends Module {
        final Table tokenEmbedding;
        final Table positionEmbedding;
        private final int maxPositions;

        Embeddings(ClipTextConfig c) {
            tokenEmbedding = child("token_embedding", new Table(c.vocabSize(), c.hiddenSize()));
            positionEmbedding = child("position_embedding", new Table(c.maxPositionEmbeddings(), c.hiddenSize()));
            maxPositions = c.maxPositionEmbeddings();
        }

        NDArray forward(NDArray ids) {
            long t = ids.getShape().get(1);
            if (t > maxPositions) {
                throw new IllegalArgumentException("CLIP input has " + t + " tokens; this text encoder has "
                        + maxPositions + " positions (use max_token_length windows for longer prompts)");
            }
            NDManager m = ids.getManager();
            NDArray longIds = ids.getDataType() == DataType.INT64 ? ids : ids.toType(DataType.INT64, false);
            NDArray tokens = ai.djl.nn.core.Embedding.embedding(longIds, tokenEmbedding.weight.get(), SparseFormat.DENSE)
                    .singletonOrThrow(); // [B, T, D]
            tokens.attach(m);
            NDArray positions = positionEmbedding.weight.get().get(m, new NDIndex("0:{}", t)); // [T, D]
            return tokens.add(positions); // [B, T, D]
        }
    }

    /** An embedding table with one parameter, {@code weight} [rows, dim]. */
    static final class Table extends Module {
        final Parameter weight;

        Table(int rows, int dim) {
            weight = parameter("weight", rows, dim);
        }
    }

    /** {@code text_model.encoder}: its {@code layers.i} children. */
    static final class Encoder extends Module {
        final IndexedModules<EncoderLayer> layers = child("layers", new IndexedModules<>());

        Encoder(ClipTextConfig c) {
            for (int i = 0; i < c.numHiddenLayers(); i++) {
                layers.add(new EncoderLayer(c));
            }
        }
    }

    /** {@code CLIPEncoderLayer}: pre-norm residual attention, then pre-norm residual MLP. */
    static final class EncoderLayer extends Module {
        final SelfAttention selfAttn;
        final LayerNorm layerNorm1;
        final Mlp mlp;
        final LayerNorm layerNorm2;

        EncoderLayer(ClipTextConfig c) {
            selfAttn = child("self_attn", new SelfAttention(c));
            layerNorm1 = child("layer_norm1", new LayerNorm(c.hiddenSize(), c.layerNormEps()));
            mlp = child("mlp", new Mlp(c));
            layerNorm2 = child("layer_norm2", new LayerNorm(c.hiddenSize(), c.layerNormEps()));
        }

        NDArray forward(NDArray x) {
            NDArray h = x.add(selfAttn.forward(layerNorm1.forward(x))); // [B, T, D]
            return h.add(mlp.forward(layerNorm2.forward(h))); // [B, T, D]
        }
    }

    /** {@code CLIPAttention}: q/k/v/out projections with bias, causal, H heads of size d. */
    static final class SelfAttention extends Module {
        final Linear qProj;
        final Linear kProj;
        final Linear vProj;
        final Linear outProj;
        private final int heads;

        SelfAttention(ClipTextConfig c) {
            int d = c.hiddenSize();
            kProj = child("k_proj", new Linear(d, d, true));
            vProj = child("v_proj", new Linear(d, d, true));
            qProj = child("q_proj", new Linear(d, d, true));
            outProj = child("out_proj", new Linear(d, d, true));
            heads = c.numAttentionHeads();
        }

        NDArray forward(NDArray x) {
            Shape s = x.getShape(); // [B, T, D]
            long b = s.get(0), t = s.get(1), d = s.get(2);
            NDArray q = splitHeads(qProj.forward(x), b, t, d); // [B, H, T, d]
            NDArray k = splitHeads(kProj.forward(x), b, t, d);
            NDArray v = splitHeads(vProj.forward(x), b, t, d);
            NDArray o = Attention.plain(q, k, v, true); // [B, H, T, d]
            return outProj.forward(o.transpose(0, 2, 1, 3).reshape(b, t, d)); // [B, T, D]
        }

        private NDArray splitHeads(NDArray x, long b, long t, long d) {
            return x.reshape(b, t, heads, d / heads).transpose(0, 2, 1, 3);
        }
    }

    /** {@code CLIPMLP}: fc1, activation (quick_gelu for OpenAI CLIP, gelu for OpenCLIP), fc2. */
    static final class Mlp extends Module {
        final Linear fc1;
        final Linear fc2;
        private final boolean quickGelu;

        Mlp(ClipTextConfig c) {
            fc1 = child("fc1", new Linear(c.hiddenSize(), c.intermediateSize(), true));
            fc2 = child("fc2", new Linear(c.intermediateSize(), c.hiddenSize(), true));
            quickGelu = c.hiddenAct().equals("quick_gelu");
        }

        NDArray forward(NDArray x) {
            NDArray h = fc1.forward(x); // [B, T, I]
            h = quickGelu ? Activations.quickGelu(h) : Activations.gelu(h);
            return fc2.forward(h); // [B, T, D]
        }
    }
}
