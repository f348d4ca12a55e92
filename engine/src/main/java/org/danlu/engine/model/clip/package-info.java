/**
 * The CLIP text encoder as Stable Diffusion uses it: {@link org.danlu.engine.model.clip.ClipTextConfig},
 * {@link org.danlu.engine.model.clip.ClipTextModel} (transformers' CLIPTextModel, parameter names equal to its
 * state-dict keys), the tokenizer ({@link org.danlu.engine.model.clip.ClipTokenizer}, found by
 * {@link org.danlu.engine.model.clip.TokenizerLocator}), and kohya's clip-skip and 75-token-window conditioning
 * ({@link org.danlu.engine.model.clip.TokenWindows}, {@link org.danlu.engine.model.clip.TextConditioning}), and kohya's
 * weighted captions ({@link org.danlu.engine.model.clip.PromptAttention} parses the A1111 syntax,
 * {@link org.danlu.engine.model.clip.WeightedWindows} carries the per-token weights).
 * Builds on {@code model.nn} and {@code tensor}; must not import the UI, dataset, run or other model families.
 */
package org.danlu.engine.model.clip;
