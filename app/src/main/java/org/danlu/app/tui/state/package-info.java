/**
 * Application state and the worker → GUI-thread hop. Imports only the JDK (no Lanterna), so state
 * can be tested without a terminal.
 */
package org.danlu.app.tui.state;
