/**
 * The dataset picker: the full-screen start page shown when {@code danlu} or {@code danlu open} has no
 * dataset to open. It lists the recently opened datasets and browses folders, marking the ones that
 * look like kohya datasets, and opens one by switching the session to the studio. Folder listing
 * runs on the store's workers (names only, never image contents). Uses state, keys and widgets like
 * the other screens; it does not import the cli package (the caller hands it the recent list and
 * what opening means).
 */
package org.danlu.app.tui.screen.picker;
