/**
 * The terminal: capabilities read from the environment (true colour vs 256), colour mapping, and
 * the themes that give every semantic role its colours. May import Lanterna; never the engine.
 */
package org.danlu.app.tui.term;
