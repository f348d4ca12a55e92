package org.danlu.engine.model.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * The UNet's {@code encoder_hidden_states} from caption windows, exactly as kohya sd-scripts'
 * {@code get_hidden_states} builds them (SD 1.x and 2.x):
 * <ol>
 *   <li>the B·n windows of 77 ids are encoded as one batch, with clip skip: {@code final_layer_norm(
 *       hidden_states[-clip_skip])} (clip_skip 1 = last_hidden_state);
 *   <li>with n &gt; 1 windows the states are stitched: the first window's BOS state, then positions 1..75 of each
 *       window, then the last window's final state, giving n·75 + 2 positions.
 * </ol>
 * kohya's SD 2.x branch also tries to copy a PAD state over an empty window's first slot, but it compares the ids
 * with the token <em>string</em> {@code tokenizer.eos_token}, which never matches, so SD 2.x stitches the same way.
 */
public final class TextConditioning {
    private TextConditioning() {}

    /** Turns per-caption windows (each n × 77, from {@link ClipTokenizer#windows}) into a [B, n, 77] id array. */
    public static NDArray ids(NDManager manager, List<long[][]> captions) {
        int b = captions.size();
        int n = captions.get(0).length;
        long[] flat = new long[b * n * TokenWindows.WINDOW];
        for (int i = 0; i < b; i++) {
            long[][] w = captions.get(i);
            if (w.length != n) {
                throw new IllegalArgumentException("caption " + i + " has " + w.length + " windows, caption 0 has " + n);
            }
            for (int j = 0; j < n; j++) {
                System.arraycopy(w[j], 0, flat, (i * n + j) * TokenWindows.WINDOW, TokenWindows.WINDOW);
            }
        }
        return manager.create(flat, new Shape(b, n, TokenWindows.WINDOW));
    }

    /**
     * @param windowIds [B, n, 77] integer ids
     * @return [B, 77, D] for n = 1, else [B, n·75 + 2, D], in the ids' manager
     */
    public static NDArray encode(ClipTextModel model, NDArray windowIds, int clipSkip) {
        Shape s = windowIds.getShape();
        if (s.dimension() != 3 || s.get(2) != TokenWindows.WINDOW) {
            throw new IllegalArgumentException("window ids must be [B, n, 77], got " + s);
        }
        long b = s.get(0), n = s.get(1), t = s.get(2);
        NDManager caller = windowIds.getManager();
        try (NDManager scope = caller.newSubManager()) {
            windowIds.tempAttach(scope);
            NDArray h = model.encode(windowIds.reshape(b * n, t), clipSkip); // [B·n, 77, D]
            long d = h.getShape().get(2);
            h = h.reshape(b, n * t, d); // [B, n·77, D]
            NDArray out = n == 1 ? h : stitch(h, n);
            out.attach(caller);
            return out;
        }
    }

    /** Turns per-caption weights (each n × 77, from {@link ClipTokenizer#weightedWindows}) into a [B, n, 77] array. */
    public static NDArray weights(NDManager manager, List<float[][]> captions) {
        int b = captions.size();
        int n = captions.get(0).length;
        float[] flat = new float[b * n * TokenWindows.WINDOW];
        for (int i = 0; i < b; i++) {
            float[][] w = captions.get(i);
            if (w.length != n) {
                throw new IllegalArgumentException("caption " + i + " has " + w.length + " windows, caption 0 has " + n);
            }
            for (int j = 0; j < n; j++) {
                System.arraycopy(w[j], 0, flat, (i * n + j) * TokenWindows.WINDOW, TokenWindows.WINDOW);
            }
        }
        return manager.create(flat, new Shape(b, n, TokenWindows.WINDOW));
    }

    /**
     * Weighted captions (kohya's {@code SdTextEncodingStrategy.encode_tokens_with_weights}, SD 1/2): the states of
     * {@link #encode(ClipTextModel, NDArray, int)}, each position multiplied by its token's weight, with no
     * re-normalisation of the mean (the current kohya code has none; the older {@code get_weighted_text_embeddings}
     * of {@code custom_train_functions.py} did). With n &gt; 1 windows kohya multiplies positions
     * {@code i·75+1 … i·75+75} by window i's weights {@code [1:-1]} and leaves the first and last position alone;
     * the weights are stitched like the states, which gives the same products since those two weights are 1.0.
     * The product is float32, as torch promotes a half-precision state times the float32 weights.
     *
     * @param windowIds     [B, n, 77] integer ids
     * @param windowWeights [B, n, 77] weights, 1.0 on BOS/EOS/padding slots
     * @return [B, 77, D] for n = 1, else [B, n·75 + 2, D], float32, in the ids' manager
     */
    public static NDArray encode(ClipTextModel model, NDArray windowIds, NDArray windowWeights, int clipSkip) {
        return weighted(model, windowIds, windowWeights, clipSkip, false);
    }

    /**
     * Weighted prompts as diffusers' long-prompt-weighting pipeline applies them (kohya's sampler,
     * {@code lpw_stable_diffusion.get_weighted_text_embeddings}): the states of
     * {@link #encode(ClipTextModel, NDArray, NDArray, int)}, then each row scaled back to the mean over all its
     * positions and features that it had unweighted. All weights 1.0 give the unweighted states exactly.
     *
     * @return [B, 77, D] for n = 1, else [B, n·75 + 2, D], float32, in the ids' manager
     */
    public static NDArray encodeKeepingMean(ClipTextModel model, NDArray windowIds, NDArray windowWeights, int clipSkip) {
        return weighted(model, windowIds, windowWeights, clipSkip, true);
    }

    private static NDArray weighted(ClipTextModel model, NDArray windowIds, NDArray windowWeights, int clipSkip,
                                    boolean keepMean) {
        if (!windowWeights.getShape().equals(windowIds.getShape())) {
            throw new IllegalArgumentException("window weights " + windowWeights.getShape() + " do not match the ids "
                    + windowIds.getShape());
        }
        NDManager caller = windowIds.getManager();
        NDArray h = encode(model, windowIds, clipSkip); // [B, P, D]
        Shape s = windowIds.getShape();
        long b = s.get(0), n = s.get(1);
        try (NDManager scope = caller.newSubManager()) {
            h.attach(scope);
            windowWeights.tempAttach(scope);
            NDArray w = windowWeights.toType(DataType.FLOAT32, false).reshape(b, n * TokenWindows.WINDOW, 1);
            NDArray plain = h.toType(DataType.FLOAT32, false);
            NDArray out = plain.mul(n == 1 ? w : stitch(w, n)); // [B, P, D]
            if (keepMean) {
                out = out.mul(rowMean(plain, b).div(rowMean(out, b)));
            }
            out.attach(caller);
            return out;
        }
    }

    /** Each row's mean over positions and features, [B, 1, 1] (DJL's PyTorch mean takes one axis at a time). */
    private static NDArray rowMean(NDArray x, long b) {
        return x.reshape(b, -1).mean(new int[] {1}, true).reshape(b, 1, 1);
    }

    /** kohya: {@code [h[:, 0]] + [h[:, i : i+75] for i in range(1, n·75, 77)] + [h[:, -1]]}. */
    private static NDArray stitch(NDArray h, long n) {
        long t = TokenWindows.WINDOW;
        NDList parts = new NDList();
        parts.add(h.get(new NDIndex(":, 0:1"))); // [B, 1, D] the first window's BOS
        for (long w = 0; w < n; w++) {
            long i = w * t + 1;
            parts.add(h.get(new NDIndex(":, {}:{}", i, i + TokenWindows.TOKENS_PER_WINDOW))); // [B, 75, D]
        }
        parts.add(h.get(new NDIndex(":, {}:", n * t - 1))); // [B, 1, D] the last window's final state
        return NDArrays.concat(parts, 1); // [B, n·75 + 2, D]
    }
}
