/**
 * Reusable drawing pieces (lists, tables, half-block image, bar chart, status bar, overlays). They
 * take view-model records and a {@link org.danlu.app.tui.widget.Canvas}; they never import the
 * engine or a screen, and never choose a colour outside the theme's roles.
 */
package org.danlu.app.tui.widget;
