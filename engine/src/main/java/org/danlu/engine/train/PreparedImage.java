package org.danlu.engine.train;

/**
 * An image fitted into its bucket: the pixels, where the crop started in the resized image, and
 * whether flip_aug mirrored it (the latent cache key and SDXL conditioning need these).
 */
public record PreparedImage(ChwImage pixels, int cropLeft, int cropTop, boolean flipped) {
}
