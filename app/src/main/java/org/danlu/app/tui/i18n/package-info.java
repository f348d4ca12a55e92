/** Translated texts (English, Simplified Chinese) over resource bundles. Imports only the JDK. */
package org.danlu.app.tui.i18n;
