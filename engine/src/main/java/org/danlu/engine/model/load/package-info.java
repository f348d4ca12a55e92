/**
 * Opening Stable Diffusion checkpoints: layout detection (diffusers folder or single-file LDM), architecture
 * detection from tensor names and shapes, the key tables mapping LDM names to the diffusers names our module
 * trees use, the configs the tensors cannot tell (yaml beside the file, else published defaults), and
 * lazy, per-tensor loading into a {@link org.danlu.engine.model.nn.Module} with a strict {@code LoadReport}.
 * Uses {@code tensor} for file access. Must not import the UI, dataset, train or run packages, and never
 * reads pickle files.
 */
package org.danlu.engine.model.load;
