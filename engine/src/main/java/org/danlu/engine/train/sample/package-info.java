/**
 * Sample images: kohya's sample prompt files ({@link org.danlu.engine.train.sample.SamplePromptFile}), the inference
 * schedulers (euler, euler_a, ddim as diffusers 0.27 computes them for SD's scheduler config), text-to-image rendering
 * with classifier-free guidance ({@link org.danlu.engine.train.sample.SampleRenderer}), PNGs carrying A1111's
 * {@code parameters} text chunk ({@link org.danlu.engine.train.sample.SamplePng}) and the trainer's hook
 * ({@link org.danlu.engine.train.sample.TrainingSampler}).
 * Builds on {@code model}, {@code lora}, {@code tensor} and the training schedule ({@code train.NoiseSchedule}); must
 * not import the UI (Lanterna, JLine), {@code run} or the training loop: the trainer calls in here, never the other
 * way.
 */
package org.danlu.engine.train.sample;
