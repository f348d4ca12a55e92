/**
 * The run directory protocol between one trainer process and any number of UIs.
 *
 * <p>Owns: the layout of {@code runs/<run-id>/} ({@link org.danlu.engine.run.RunDir}), the event
 * stream {@code events.jsonl} ({@link org.danlu.engine.run.Event}, {@link org.danlu.engine.run.EventWriter},
 * {@link org.danlu.engine.run.EventTail}, {@link org.danlu.engine.run.RunSummary}), the control channel
 * {@code control/} ({@link org.danlu.engine.run.Control}, {@link org.danlu.engine.run.ControlLoop}), the
 * one-trainer-per-run lock ({@link org.danlu.engine.run.TrainerLock}), the trainer's bundle of those
 * ({@link org.danlu.engine.run.TrainerSession}: every trainer, foreground or detached, opens one,
 * since watchers judge a run without a live lock holder and without {@code end} as failed), launching a detached trainer
 * ({@link org.danlu.engine.run.Launcher}) and watching a run including a crashed trainer
 * ({@link org.danlu.engine.run.RunWatch}).
 *
 * <p>Must not import: Lanterna, JLine, picocli (UI and CLI live in app), ai.djl (the protocol is
 * plain files; the trainer fills in the numbers), or the {@code train} package (the trainer depends
 * on this package, never the other way).
 */
package org.danlu.engine.run;
