/**
 * The studio's screens, one subpackage each (dataset, tags, buckets; placeholder for the ones that
 * come with training). Screens use state, keys and widgets and read the engine's dataset and bucket
 * APIs; widgets never see engine types.
 */
package org.danlu.app.tui.screen;
