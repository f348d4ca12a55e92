/**
 * The studio TUI (Lanterna): bootstrap, the frame around the screens, and subpackages term, state,
 * keys, screen, widget, text, i18n, image. Only this package tree imports Lanterna; it never
 * imports JLine.
 */
package org.danlu.app.tui;
