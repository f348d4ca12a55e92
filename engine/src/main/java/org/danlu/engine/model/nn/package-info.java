/**
 * The building blocks of our model trees: {@link org.danlu.engine.model.nn.Module} (named children, named
 * parameters, so a checkpoint key reads as a path) and the leaf layers the Stable Diffusion models share.
 * Plain classes holding NDArrays; no DJL Block/Trainer machinery. Must not import the UI, dataset or run
 * packages.
 */
package org.danlu.engine.model.nn;
