/**
 * Aspect-ratio bucketing exactly as kohya sd-scripts does it ({@code make_bucket_resolutions},
 * {@code BucketManager.select_bucket}, regularization balancing, batches per bucket) and the step
 * arithmetic of a training run (steps per epoch, total steps, epochs, gradient accumulation).
 *
 * <p>Input is plain image sizes and repeats ({@link org.danlu.engine.bucket.BucketInput}); this
 * package never reads files, so the dataset scanner, the TUI and the trainer can all feed it.
 * {@link org.danlu.engine.bucket.ScanInputs} turns a dataset scan's records into that input.
 * Everything here is records and pure functions.
 *
 * <p>Must not import: {@code ai.djl}, Lanterna, JLine, {@code org.danlu.engine.config} (config
 * depends on bucket, not the other way), anything of {@code dataset} beyond its scan records.
 */
package org.danlu.engine.bucket;
