/**
 * Text measured in terminal columns (CJK wide characters count two). Pure JDK: imports nothing from
 * Lanterna, the engine or other tui packages.
 */
package org.danlu.app.tui.text;
