/**
 * LoRA as kohya sd-scripts' {@code networks.lora} defines it: which layers get a low-rank adapter, the
 * adapters themselves (down, up, alpha; scale = alpha / rank), kohya's key names, and LoRA files
 * (save with {@code ss_*} metadata, load, apply at a multiplier). Attaches to the model tree only through
 * {@link org.danlu.engine.model.nn.ForwardDelta}. Must not import the UI, dataset or run packages.
 */
package org.danlu.engine.lora;
