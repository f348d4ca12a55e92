package org.danlu.engine.train.sample;

import ai.djl.ndarray.types.DataType;
import org.danlu.engine.model.clip.ClipTextModel;
import org.danlu.engine.model.clip.ClipTokenizer;
import org.danlu.engine.model.unet.UNet2DConditionModel;
import org.danlu.engine.model.vae.AutoencoderKL;

/**
 * The parts of a Stable Diffusion model that sampling uses, already loaded (by the trainer, or by
 * {@link SampleCheckpoint} for the command line), with any LoRA attached. Not owned: closing is the loader's job.
 *
 * @param dtype the type the weights are in (float32 on CPU; float16/bfloat16 on GPU): the UNet and VAE inputs are
 *     cast to it, the scheduler arithmetic stays float32
 */
public record SampleModels(ClipTokenizer tokenizer, ClipTextModel textEncoder, UNet2DConditionModel unet,
        AutoencoderKL vae, DataType dtype) {}
