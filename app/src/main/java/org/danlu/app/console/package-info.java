/**
 * The line console ({@code danlu console DIR}, JLine) and the caption command language it shares
 * with the studio's {@code :} prompt. Only {@link org.danlu.app.console.LineConsole} imports JLine;
 * nothing here imports Lanterna.
 */
package org.danlu.app.console;
