/**
 * The Train screen: one run's monitor (progress, loss and learning-rate charts, GPU panel, samples,
 * saved files, log) and its control keys. Reads runs through the engine's {@code run} package
 * (RunWatch, Control); the event tail never touches screen state, it posts to the Store. Must not
 * import the dataset screens or start a trainer itself.
 */
package org.danlu.app.tui.screen.train;
