/**
 * Image decoding for previews (ImageIO + TwelveMonkeys, EXIF orientation via Commons Imaging),
 * area-average downscaling and an LRU preview cache loaded off the GUI thread. No Lanterna imports.
 */
package org.danlu.app.tui.image;
