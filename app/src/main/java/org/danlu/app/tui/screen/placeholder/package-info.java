/** Screens whose places are kept until training arrives (Params, Train, Runs). */
package org.danlu.app.tui.screen.placeholder;
