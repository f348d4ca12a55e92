package org.danlu.engine.train;

/**
 * The per-subset options that act while loading a sample: caption processing, {@code flip_aug},
 * {@code random_crop} and {@code resize_interpolation} (null = kohya's choice per image).
 */
public record SubsetOptions(CaptionSettings captions, boolean flipAug, boolean randomCrop,
                            ResizeInterpolation interpolation) {
}
