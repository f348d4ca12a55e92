package org.danlu.engine.model.clip;

import java.util.Arrays;

/**
 * kohya sd-scripts' long-prompt windows ({@code library/train_util.py}, {@code get_input_ids}): a caption tokenized
 * to {@code max_token_length + 2} ids (BOS, up to max_token_length tokens, EOS, padding) is cut into windows of 77:
 * for i = 1, 76, 151, …: {@code [ids[0]] + ids[i : i+75] + [ids[-1]]}. Each window is encoded on its own and
 * {@link TextConditioning} stitches the hidden states back together.
 *
 * <p>When the pad id differs from EOS (SD 2.x pads with "!" = 0), kohya repairs each window: a window whose last
 * token slot holds a real token gets EOS as its final id, and a window that starts with padding gets EOS after
 * its BOS. With pad = EOS (SD 1.x) windows are taken as cut.
 */
public final class TokenWindows {
    /** CLIP's context: 75 tokens between BOS and EOS. */
    public static final int WINDOW = 77;
    public static final int TOKENS_PER_WINDOW = WINDOW - 2;

    private TokenWindows() {}

    /** The window count for a kohya {@code max_token_length}: null or 75 → 1, 150 → 2, 225 → 3. */
    public static int count(Integer maxTokenLength) {
        if (maxTokenLength == null || maxTokenLength == 75) {
            return 1;
        }
        if (maxTokenLength == 150 || maxTokenLength == 225) {
            return maxTokenLength / TOKENS_PER_WINDOW;
        }
        throw new IllegalArgumentException("max_token_length " + maxTokenLength + " is not supported; use 75, 150 or 225"
                + " (kohya sd-scripts accepts the same values)");
    }

    /**
     * Cuts a padded id sequence of length n·75 + 2 into n windows of 77.
     *
     * @param ids BOS, tokens, EOS, padding, exactly {@code n * 75 + 2} long
     */
    public static long[][] split(long[] ids, long eos, long pad) {
        if (ids.length < WINDOW || (ids.length - 2) % TOKENS_PER_WINDOW != 0) {
            throw new IllegalArgumentException("a windowed id sequence is n·75 + 2 long, got " + ids.length);
        }
        int n = (ids.length - 2) / TOKENS_PER_WINDOW;
        long[][] out = new long[n][];
        for (int w = 0; w < n; w++) {
            int i = 1 + w * TOKENS_PER_WINDOW;
            long[] chunk = new long[WINDOW];
            chunk[0] = ids[0];
            System.arraycopy(ids, i, chunk, 1, TOKENS_PER_WINDOW);
            chunk[WINDOW - 1] = ids[ids.length - 1];
            if (pad != eos && n > 1) {
                if (chunk[WINDOW - 2] != eos && chunk[WINDOW - 2] != pad) {
                    chunk[WINDOW - 1] = eos; // "x <PAD/EOS>" → "x <EOS>"
                }
                if (chunk[1] == pad) {
                    chunk[1] = eos; // "<BOS> <PAD> …" → "<BOS> <EOS> <PAD> …"
                }
            }
            out[w] = chunk;
        }
        return out;
    }

    /** A copy of {@code tokens} as one padded sequence: BOS, the first {@code length − 2} tokens, EOS, pad… */
    public static long[] pad(long[] tokens, int length, long bos, long eos, long pad) {
        long[] out = new long[length];
        Arrays.fill(out, pad);
        int kept = Math.min(tokens.length, length - 2);
        out[0] = bos;
        System.arraycopy(tokens, 0, out, 1, kept);
        out[kept + 1] = eos;
        return out;
    }

    /**
     * The token weights for {@link #pad}'s sequence, as kohya's {@code pad_tokens_and_weights}: 1.0 for BOS, the
     * first {@code length − 2} weights, then 1.0 for EOS and every pad slot.
     */
    public static float[] padWeights(float[] weights, int length) {
        float[] out = new float[length];
        Arrays.fill(out, 1f);
        System.arraycopy(weights, 0, out, 1, Math.min(weights.length, length - 2));
        return out;
    }

    /**
     * Cuts {@link #padWeights}'s n·75 + 2 weights into n windows of 77 the way {@link #split} cuts the ids: each
     * window's 75 token slots get their weights, its first and last slot 1.0 (kohya's {@code _get_input_ids} with
     * {@code weighted=True}: {@code new_weights[b, 1:76] = weights[i : i+75]} on a tensor of ones).
     */
    public static float[][] splitWeights(float[] weights) {
        if (weights.length < WINDOW || (weights.length - 2) % TOKENS_PER_WINDOW != 0) {
            throw new IllegalArgumentException("a windowed weight sequence is n·75 + 2 long, got " + weights.length);
        }
        int n = (weights.length - 2) / TOKENS_PER_WINDOW;
        float[][] out = new float[n][WINDOW];
        for (int w = 0; w < n; w++) {
            Arrays.fill(out[w], 1f);
            System.arraycopy(weights, 1 + w * TOKENS_PER_WINDOW, out[w], 1, TOKENS_PER_WINDOW);
        }
        return out;
    }
}
