/**
 * Training: the DDPM noise schedule and the noise extras, the loss and its per-sample weighting,
 * optimizers, learning-rate schedules, gradient clipping, train-time caption processing and the
 * resize/crop of an image into its bucket (all as kohya sd-scripts' {@code train_network.py} does
 * them, see {@code kohya-compat.md} §2, §3.4, §5, §6), plus the training loop built on them.
 *
 * <p>Tensor code runs on DJL NDArrays (PyTorch engine) and closes every temporary with an
 * {@link ai.djl.ndarray.NDScope} or a sub-manager. Caption, schedule and image code is pure Java
 * so that the UI can preview it without a native engine.
 *
 * <p>Must not import Lanterna, JLine or anything under {@code org.danlu.app}.
 */
package org.danlu.engine.train;
