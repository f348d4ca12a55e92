/**
 * The Runs screen: every run in the workspace with its status and outcome, opening one in the
 * Train screen, comparing two runs' loss curves, deleting a finished run. Reads runs through the
 * engine's {@code run} package only; never deletes a run a trainer holds (the engine refuses too).
 */
package org.danlu.app.tui.screen.runs;
