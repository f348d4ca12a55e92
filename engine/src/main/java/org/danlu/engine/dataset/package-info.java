/**
 * The dataset on disk, as kohya sd-scripts reads it: {@code N_identifier class} folders under a root
 * (or {@code train/} and {@code reg/}), images whose sizes come from their headers, caption files
 * kept byte for byte, tag statistics, bulk tag edits with an undo journal, lint findings, and the
 * procedurally drawn sample dataset.
 *
 * <p>Owns: {@link org.danlu.engine.dataset.DatasetScanner} (one scan returns everything as immutable
 * records), {@link org.danlu.engine.dataset.CaptionFile}, {@link org.danlu.engine.dataset.TagEdit}
 * applied by {@link org.danlu.engine.dataset.TagEditor}; a bulk edit is made durable by its journal entry
 * ({@link org.danlu.engine.dataset.JournaledWrite}, {@link org.danlu.engine.dataset.JournalRecovery}),
 * single files by {@link org.danlu.engine.dataset.AtomicFile}. Must not import {@code ai.djl}, Lanterna or
 * JLine, and never decodes an image to learn its size.
 */
package org.danlu.engine.dataset;
