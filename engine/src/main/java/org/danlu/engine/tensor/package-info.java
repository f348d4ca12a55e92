/**
 * safetensors files: a validated, memory-mapped, lazy reader, an atomic writer, dtypes, and the bridge
 * from file bytes to DJL NDArrays; and {@link org.danlu.engine.tensor.TorchRuntime}, what libtorch and which GPUs
 * the process has (for {@code danlu doctor}). Owns nothing about what the tensors mean (that is {@code model} and
 * {@code lora}). Must not import the UI; must not read pickle files, ever.
 */
package org.danlu.engine.tensor;
