package org.danlu.engine.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import org.danlu.engine.model.nn.TorchOwned;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.danlu.engine.model.clip.PromptAttention;
import org.danlu.engine.model.clip.TextConditioning;
import org.danlu.engine.model.clip.WeightedWindows;

/**
 * One micro-batch of training (kohya's {@code train_network.py} loop body for SD 1/2): latents from the cache or
 * the VAE (× scaling factor), captions tokenized and encoded (inside the gradient tape when the text encoder's
 * LoRA trains), noise and timesteps, the UNet's prediction with the LoRA attached, the weighted MSE against ε or v,
 * and the backward pass divided by the accumulation count (as accelerate does). Gradients accumulate on the LoRA
 * parameters until the optimizer step. All arrays live in the caller's step manager.
 */
final class StepRunner {
    private final TrainingModels models;
    private final LatentCache cache;
    private final NoiseSchedule schedule;
    private final NoiseSettings noise;
    private final LossWeighting weighting;
    private final boolean vPrediction;
    private final boolean trainTextEncoder;
    private final int clipSkip;
    private final Integer maxTokenLength;
    private final boolean weightedCaptions;
    private final long seed;
    private final int accumulation;

    StepRunner(TrainingModels models, LatentCache cache, NoiseSchedule schedule, NoiseSettings noise,
               LossWeighting weighting, boolean vPrediction, boolean trainTextEncoder, int clipSkip,
               Integer maxTokenLength, boolean weightedCaptions, long seed, int accumulation) {
        this.models = models;
        this.cache = cache;
        this.schedule = schedule;
        this.noise = noise;
        this.weighting = weighting;
        this.vPrediction = vPrediction;
        this.trainTextEncoder = trainTextEncoder;
        this.clipSkip = clipSkip;
        this.maxTokenLength = maxTokenLength;
        this.weightedCaptions = weightedCaptions;
        this.seed = seed;
        this.accumulation = accumulation;
    }

    /** Forward and backward of one loaded batch; returns the (unscaled) batch loss. */
    double run(BatchLoader.Loaded batch, NDManager step) throws IOException {
        EpochOrder.Batch b = batch.batch();
        NDArray latents = latents(batch, step); // [B, 4, h, w] fp32
        Random rng = StepRandom.of(seed, b.epoch(), b.index(), StepRandom.Purpose.NOISE);
        NDArray eps = TrainingNoise.sample(latents, noise, rng); // [B, 4, h, w]
        int[] t = schedule.sampleTimesteps((int) latents.getShape().get(0), 0, NoiseSchedule.TRAIN_STEPS, rng);
        NDArray noisy = schedule.addNoise(latents, eps, t);
        NDArray target = schedule.target(latents, eps, t, vPrediction);
        float[] weights = weighting.weights(t, batch.lossWeights(), schedule);
        NDList tokens = tokens(batch, step); // ids [B, n, 77], and their weights [B, n, 77] with weighted captions
        NDArray timesteps = owned(step.create(t));
        DataType wt = models.weightType();
        NDArray context = trainTextEncoder ? null : encode(tokens);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray ctx = context != null ? context : encode(tokens);
            NDArray pred = models.unet().forward(noisy.toType(wt, false), timesteps, ctx.toType(wt, false)); // [B, 4, h, w]
            NDArray perSample = DiffusionLoss.perSampleMse(pred.toType(DataType.FLOAT32, false), target); // [B]
            NDArray loss = DiffusionLoss.weightedMean(perSample, weights);
            double value = loss.getFloat();
            if (Double.isFinite(value)) {
                gc.backward(accumulation == 1 ? loss : org.danlu.engine.model.nn.NativeScalar.times(loss, 1f / accumulation));
            }
            return value;
        }
    }

    private NDArray latents(BatchLoader.Loaded batch, NDManager step) throws IOException {
        EpochOrder.Batch b = batch.batch();
        NDList parts = new NDList();
        for (int i = 0; i < batch.samples().size(); i++) {
            BatchLoader.Sample s = batch.samples().get(i);
            if (s.latent() != null) {
                parts.add(owned(s.latent().toNDArray(step)).expandDims(0));
                continue;
            }
            NDArray image = owned(s.pixels().toNDArray(step)).expandDims(0); // [1, 3, H, W]
            int f = models.vae().config().downscale();
            Shape ls = new Shape(1, models.vae().config().latentChannels(), s.pixels().height() / f, s.pixels().width() / f);
            Random r = cache.enabled() ? new Random(cache.sampleSeed(s.item(), s.flipped()))
                    : StepRandom.of(seed, b.epoch(), b.index(), StepRandom.Purpose.VAE, i);
            NDArray z = models.vae().encodeScaled(image, TrainingNoise.gaussian(step, ls, r)); // [1, 4, h, w]
            cache.put(s.item(), s.flipped(), z.get(0));
            parts.add(z);
        }
        return parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
    }

    /**
     * On the CPU an array made from Java data aliases a direct buffer that only its own handle keeps alive; views
     * of it that outlive the handle read freed memory (seen as a NaN loss at random steps when the text encoder
     * trained). A torch-owned copy has no such tie.
     */
    private static NDArray owned(NDArray fromJava) {
        return TorchOwned.copy(fromJava);
    }

    /**
     * The batch's window ids, plus with {@code weighted_captions} their token weights (kohya's
     * {@code tokenize_with_weights} on the processed captions, after shuffle and dropout).
     */
    private NDList tokens(BatchLoader.Loaded batch, NDManager step) {
        List<long[][]> windows = new ArrayList<>();
        List<float[][]> weights = new ArrayList<>();
        for (BatchLoader.Sample s : batch.samples()) {
            if (!weightedCaptions) {
                windows.add(models.tokenizer().windows(s.caption(), maxTokenLength));
                continue;
            }
            try {
                WeightedWindows w = models.tokenizer().weightedWindows(s.caption(), maxTokenLength);
                windows.add(w.ids());
                weights.add(w.weights());
            } catch (PromptAttention.SyntaxError e) {
                throw new IllegalArgumentException("the caption of " + s.item().image() + ": " + e.getMessage(), e);
            }
        }
        NDList out = new NDList(owned(TextConditioning.ids(step, windows)));
        if (weightedCaptions) {
            out.add(owned(TextConditioning.weights(step, weights)));
        }
        return out;
    }

    /** The UNet's context: the plain conditioning, or with weighted captions each state times its token's weight. */
    private NDArray encode(NDList tokens) {
        return tokens.size() == 1 ? TextConditioning.encode(models.textEncoder(), tokens.get(0), clipSkip)
                : TextConditioning.encode(models.textEncoder(), tokens.get(0), tokens.get(1), clipSkip);
    }
}
