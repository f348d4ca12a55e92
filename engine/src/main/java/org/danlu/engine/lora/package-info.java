/**
 * LoRA: low-rank deltas attached to the model's Linear/Conv2d layers by module path, with kohya's semantics
 * (multiplier · alpha/rank · up(down(x))). Must not import the UI, dataset, bucket, config or run packages.
 */
package org.danlu.engine.lora;
