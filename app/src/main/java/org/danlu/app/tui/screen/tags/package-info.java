/** The Tags screen: one image's ordered tags, the shuffle preview, the dataset-wide tag table. */
package org.danlu.app.tui.screen.tags;
