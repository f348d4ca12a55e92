/**
 * The Stable Diffusion models (subpackages {@code nn}, {@code clip}, {@code unet}, {@code vae}, {@code load}) and
 * {@link org.danlu.engine.model.ComponentRun}: one model run on tensors read from a safetensors file, as
 * {@code danlu model run} and the golden checks use it. Must not import the UI, dataset, train or run packages.
 */
package org.danlu.engine.model;
