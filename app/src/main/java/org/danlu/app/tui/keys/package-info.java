/**
 * Key bindings as data (keys, label, action); the status bar and help are generated from them.
 * May import Lanterna's input types; never the engine or screens.
 */
package org.danlu.app.tui.keys;
