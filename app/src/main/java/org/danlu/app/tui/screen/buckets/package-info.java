/** The Buckets screen: bucket table and chart, step arithmetic, editable settings, problem images. */
package org.danlu.app.tui.screen.buckets;
