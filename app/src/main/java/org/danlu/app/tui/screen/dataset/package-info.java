/** The Dataset screen: folders, images (filter, sort), preview and caption, folder rename. */
package org.danlu.app.tui.screen.dataset;
