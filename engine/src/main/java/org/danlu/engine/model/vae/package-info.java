/**
 * The Stable Diffusion VAE, diffusers' AutoencoderKL: {@link org.danlu.engine.model.vae.VaeConfig},
 * {@link org.danlu.engine.model.vae.AutoencoderKL} with its encoder (images to a latent distribution, for latent
 * caching) and decoder (latents to images, for samples). Parameter names equal diffusers' state-dict keys.
 * Builds on {@code model.nn} and {@code tensor}; must not import the UI, dataset, run or other model families.
 */
package org.danlu.engine.model.vae;
