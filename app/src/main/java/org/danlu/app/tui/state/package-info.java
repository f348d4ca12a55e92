/**
 * Application state (the open dataset, its bucket plan, the training numbers the screens share)
 * and the worker → GUI-thread hop. Reads the engine's dataset and bucket APIs; never imports
 * Lanterna, so state can be tested without a terminal.
 */
package org.danlu.app.tui.state;
