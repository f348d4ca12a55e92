/**
 * The Tags screen: one image's ordered tags, the shuffle preview with its CLIP token count and the
 * tags past the token limit marked (the engine's {@code model.clip} tokenizer, loaded on a worker),
 * the dataset-wide tag table. Draws through widgets and theme roles only; never touches an NDArray.
 */
package org.danlu.app.tui.screen.tags;
