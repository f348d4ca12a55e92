package org.danlu.engine.train.sample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.util.List;
import org.danlu.engine.model.clip.ClipTokenizer;
import org.danlu.engine.model.clip.PromptAttention;
import org.danlu.engine.model.clip.TextConditioning;
import org.danlu.engine.model.clip.WeightedWindows;

/**
 * Text to image as diffusers' StableDiffusionPipeline (and kohya's sampler built on it) does it:
 * <ol>
 *   <li>the negative and the positive prompt are tokenized into the same number of 75-token windows (enough for the
 *       longer one, at most 3 = 225 tokens, as kohya's long-prompt sampling pipeline allows) and encoded as one batch
 *       with the run's clip skip; A1111 weights ({@code (x)}, {@code [x]}, {@code (x:1.3)}) weigh their tokens'
 *       states as that pipeline does, keeping each row's mean (a prompt whose weights do not parse is read as plain
 *       text);
 *   <li>the latent [1, 4, H/8, W/8] starts as seeded standard normal noise × the scheduler's initial σ;
 *   <li>each step runs the UNet once on a batch of two (unconditional, conditional) and guides
 *       ε = ε_u + scale·(ε_c − ε_u) before the scheduler update; with scale ≤ 1 there is no guidance, only the
 *       conditional batch of one runs (diffusers' {@code do_classifier_free_guidance = guidance_scale > 1});
 *   <li>the VAE decodes latent / scaling_factor; pixels (x/2 + 0.5) clamped to [0, 1], × 255, rounded half to even
 *       as numpy does, give 8-bit RGB.
 * </ol>
 * Every denoising step runs in its own sub-manager; the whole render in one that is closed before returning, so
 * nothing accumulates over a long training run. With the same seed the image is the same on every run (CPU).
 */
public final class SampleRenderer {
    private static final int WINDOW_TOKENS = 75;
    private static final int MAX_WINDOWS = 3;

    private final SampleModels models;
    private final RenderSettings settings;

    public SampleRenderer(SampleModels models, RenderSettings settings) {
        this.models = models;
        this.settings = settings;
    }

    public RenderSettings settings() {
        return settings;
    }

    /** Renders one image; {@code manager} only parents the scratch sub-manager (nothing is left in it). */
    public BufferedImage render(SampleRequest request, NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray context = encodeText(scope, request); // [2, S, D]: unconditional, conditional (or [1, S, D])
            NDArray latent = denoise(scope, request, context); // [1, 4, h, w] float32
            return decode(scope, latent, request);
        }
    }

    private static boolean guided(SampleRequest r) {
        return r.scale() > 1.0;
    }

    /** The UNet's text states for [negative, prompt] (only [prompt] without guidance), in the models' dtype. */
    NDArray encodeText(NDManager scope, SampleRequest r) {
        ClipTokenizer tok = models.tokenizer();
        int longest = Math.max(tokenCount(tok, r.prompt()), tokenCount(tok, r.negative()));
        int windows = Math.max(1, Math.min(MAX_WINDOWS, (longest + WINDOW_TOKENS - 1) / WINDOW_TOKENS));
        Integer maxTokenLength = windows == 1 ? null : windows * WINDOW_TOKENS;
        List<WeightedWindows> rows = guided(r)
                ? List.of(weighted(tok, r.negative(), maxTokenLength), weighted(tok, r.prompt(), maxTokenLength))
                : List.of(weighted(tok, r.prompt(), maxTokenLength));
        NDArray ids = TextConditioning.ids(scope, rows.stream().map(WeightedWindows::ids).toList());
        NDArray weights = TextConditioning.weights(scope, rows.stream().map(WeightedWindows::weights).toList());
        NDArray states = TextConditioning.encodeKeepingMean(models.textEncoder(), ids, weights, settings.clipSkip());
        return states.getDataType() == models.dtype() ? states : states.toType(models.dtype(), false);
    }

    /** Tokens of the prompt's text once its attention syntax is read (brackets and weights are not tokens). */
    private static int tokenCount(ClipTokenizer tok, String prompt) {
        try {
            return PromptAttention.parse(prompt).stream().mapToInt(run -> tok.tokens(run.text()).length).sum();
        } catch (PromptAttention.SyntaxError e) {
            return tok.tokens(prompt).length;
        }
    }

    private static WeightedWindows weighted(ClipTokenizer tok, String prompt, Integer maxTokenLength) {
        try {
            return tok.weightedWindows(prompt, maxTokenLength);
        } catch (PromptAttention.SyntaxError e) {
            long[][] ids = tok.windows(prompt, maxTokenLength);
            float[][] ones = new float[ids.length][ids[0].length];
            for (float[] w : ones) {
                java.util.Arrays.fill(w, 1f);
            }
            return new WeightedWindows(ids, ones);
        }
    }

    NDArray denoise(NDManager scope, SampleRequest r, NDArray context) {
        InferenceScheduler scheduler = InferenceScheduler.create(r.sampler(), settings.scheduler(), r.steps());
        SampleNoise noise = new SampleNoise(r.seed());
        Shape shape = new Shape(1, models.unet().config().inChannels(), r.height() / 8, r.width() / 8);
        NDArray x;
        try (NDArray start = noise.next(scope, shape)) {
            x = start.mul(scheduler.initNoiseSigma());
        }
        float scale = (float) r.scale();
        for (int i = 0; i < scheduler.steps(); i++) {
            NDArray next;
            try (NDManager step = scope.newSubManager()) {
                x.tempAttach(step);
                NDArray in = scheduler.scaleModelInput(x, i);
                boolean cfg = guided(r);
                NDArray batch = cfg ? NDArrays.concat(new NDList(in, in), 0) : in;
                if (batch.getDataType() != models.dtype()) {
                    batch = batch.toType(models.dtype(), false);
                }
                float t = scheduler.timestep(i);
                NDArray timesteps = step.create(cfg ? new float[] {t, t} : new float[] {t});
                NDArray out = models.unet().forward(batch, timesteps, context).toType(DataType.FLOAT32, false);
                NDArray guided = out;
                if (cfg) {
                    NDArray uncond = out.get("0:1");
                    NDArray cond = out.get("1:2");
                    guided = uncond.add(cond.sub(uncond).mul(scale));
                }
                next = scheduler.step(guided, i, x, noise);
                next.attach(scope);
            }
            x.close();
            x = next;
        }
        return x;
    }

    BufferedImage decode(NDManager scope, NDArray latent, SampleRequest r) {
        NDArray z = latent.div(models.vae().config().scalingFactor());
        if (z.getDataType() != models.dtype()) {
            z = z.toType(models.dtype(), false);
        }
        NDArray image = models.vae().decode(z).toType(DataType.FLOAT32, false); // [1, 3, H, W]
        long[] s = image.getShape().getShape();
        return toRgb(image.toFloatArray(), (int) s[2], (int) s[3]);
    }

    /** [3, H, W] values in [-1, 1] (not yet clamped) → 8-bit RGB, as diffusers' image processor rounds them. */
    static BufferedImage toRgb(float[] chw, int height, int width) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int plane = height * width;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = y * width + x;
                int rgb = 0;
                for (int c = 0; c < 3; c++) {
                    rgb = (rgb << 8) | to8Bit(chw[c * plane + p]);
                }
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    /** (v/2 + 0.5) clamped to [0, 1] in float32, × 255, numpy's round (half to even). */
    static int to8Bit(float v) {
        float u = Math.min(1f, Math.max(0f, v / 2f + 0.5f));
        return (int) Math.rint(u * 255f);
    }
}
