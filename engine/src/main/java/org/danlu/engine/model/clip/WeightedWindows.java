package org.danlu.engine.model.clip;

/**
 * A weighted caption ready for the text encoder (kohya's {@code tokenize_with_weights} for SD 1/2): its n windows
 * of 77 ids, as {@link ClipTokenizer#windows} gives them, and beside them one weight per id slot.
 *
 * @param ids     n × 77 ids
 * @param weights n × 77 weights: each token's run weight, 1.0 on every window's BOS/EOS/padding slots
 */
public record WeightedWindows(long[][] ids, float[][] weights) {}
