/**
 * The Stable Diffusion 1.x/2.x UNet ({@code UNet2DConditionModel}) as a tree of plain modules whose parameter
 * paths are the diffusers keys, and its config. Depends on {@code model.nn} and DJL only; must not import the
 * UI, dataset, bucket, config, train or run packages. Key renaming from other layouts lives in {@code model.load}.
 */
package org.danlu.engine.model.unet;
