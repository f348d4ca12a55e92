/**
 * The Params screen: the training configuration as the engine's {@code config} catalogue defines
 * it, edited in place with help in en/zh, validated and planned live (bucket plan and step
 * arithmetic from the engine), saved and loaded as kohya TOML, and launched as a detached run.
 * Uses the engine's config, bucket, dataset and run packages; never imports ai.djl or the trainer.
 */
package org.danlu.app.tui.screen.params;
