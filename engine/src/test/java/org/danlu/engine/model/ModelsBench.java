package org.danlu.engine.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.danlu.engine.lora.LoraModule;
import org.danlu.engine.lora.LoraNetwork;
import org.danlu.engine.lora.LoraSpec;
import org.danlu.engine.model.nn.Attention;
import org.danlu.engine.model.nn.AttentionFunction;
import org.danlu.engine.model.nn.AttentionMode;
import org.danlu.engine.model.nn.Weights;
import org.danlu.engine.model.unet.UNet2DConditionModel;
import org.danlu.engine.model.unet.UNetConfig;
import org.danlu.engine.tensor.SafetensorsFile;

/**
 * {@code bench/models}: not a unit test. Times are medians of {@code --iters} runs after one warm-up; every
 * ratio compares two paths measured in the same run.
 */
public final class ModelsBench {
    private static final Path TINY = Path.of("../shared/fixtures/tiny-sd");

    private ModelsBench() {}

    public static void main(String[] args) throws Exception {
        int passes = intArg(args, "--passes", 1000);
        int iters = intArg(args, "--iters", 5);
        String sections = stringArg(args, "--sections", "train,attention,memory");
        if (!Files.isDirectory(TINY)) {
            throw new IOException("missing " + TINY.toAbsolutePath() + ": the shared fixtures must sit beside the project");
        }
        System.out.printf("models bench: DJL %s, libtorch %s, %d CPUs, OMP_NUM_THREADS=%s, device %s%n",
                Engine.getDjlVersion(), Engine.getEngine("PyTorch").getVersion(), Runtime.getRuntime().availableProcessors(),
                System.getenv().getOrDefault("OMP_NUM_THREADS", "(unset)"), Engine.getInstance().defaultDevice());
        try (NDManager weights = NDManager.newBaseManager(); AttentionMode.Choice sdpa = AttentionMode.SDPA.resolve(weights)) {
            System.out.println("attention sdpa: " + sdpa.note());
            UNet2DConditionModel unet = tinyUnet(weights);
            List<NDArray> lora = attachLora(unet, weights, 4);
            System.out.printf("tiny UNet: %,d frozen weights, %d LoRA tensors (kohya default targets, rank 4)%n",
                    unet.parameterCount(), lora.size());
            for (int batch : sections.contains("train") ? new int[] {1, 2, 4} : new int[0]) {
                double[] ms = trainSteps(unet, new AttentionFunction[] {sdpa.function(), Attention.CHUNKED}, weights,
                        batch, iters);
                System.out.printf("UNet forward+backward batch %d (64x64 px, latent 8x8): sdpa %.1f ms, chunked %.1f ms,"
                        + " chunked/sdpa %.2fx%n", batch, ms[0], ms[1], ms[1] / ms[0]);
            }
            if (sections.contains("attention")) {
                attentionAlone(weights, sdpa.function(), Math.max(2, iters / 2));
            }
            if (sections.contains("memory")) {
                leak(unet, sections.contains("chunked") ? Attention.CHUNKED : sdpa.function(), weights, passes);
            }
        }
    }

    private static UNet2DConditionModel tinyUnet(NDManager weights) throws IOException {
        UNet2DConditionModel unet = new UNet2DConditionModel(UNetConfig.read(TINY.resolve("unet/config.json")));
        try (SafetensorsFile f = SafetensorsFile.open(TINY.resolve("unet/diffusion_pytorch_model.safetensors"))) {
            Weights.load(unet, Weights.of(f), weights, DataType.FLOAT32);
        }
        return unet;
    }

    /** kohya's default LoRA targets (every Linear and 1×1 conv of the transformers) at rank r, trainable. */
    private static List<NDArray> attachLora(UNet2DConditionModel unet, NDManager m, int rank) {
        LoraNetwork net = LoraNetwork.create(unet, null, LoraSpec.of(rank, rank).unetOnly());
        net.initialize(m, 1);
        net.attach();
        List<NDArray> params = new ArrayList<>();
        for (LoraModule lm : net.all()) {
            for (NDArray p : List.of(lm.downWeight().get(), lm.upWeight().get())) {
                p.setRequiresGradient(true);
                params.add(p);
            }
        }
        return params;
    }

    /**
     * Median ms of one training step's forward+backward for each kernel, inputs drawn once. The kernels take
     * turns every iteration so that load from other processes hits both alike.
     */
    private static double[] trainSteps(UNet2DConditionModel unet, AttentionFunction[] kernels, NDManager m, int batch,
            int iters) {
        try (NDManager inputs = m.newSubManager()) {
            NDArray sample = inputs.randomNormal(new Shape(batch, 4, 8, 8));
            NDArray t = inputs.randomInteger(0, 1000, new Shape(batch), DataType.INT64);
            NDArray ctx = inputs.randomNormal(new Shape(batch, 77, unet.config().crossAttentionDim()));
            double[][] ms = new double[kernels.length][iters];
            for (int i = -1; i < iters; i++) {
                for (int k = 0; k < kernels.length; k++) {
                    unet.setAttention(kernels[k]);
                    long start = System.nanoTime();
                    try (NDManager step = inputs.newSubManager();
                            GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray out = unet.forward(sample, t, ctx); // [N, 4, 8, 8]
                        out.attach(step);
                        gc.backward(out.square().mean());
                    }
                    if (i >= 0) {
                        ms[k][i] = (System.nanoTime() - start) / 1e6;
                    }
                }
            }
            double[] medians = new double[kernels.length];
            for (int k = 0; k < kernels.length; k++) {
                medians[k] = median(ms[k]);
            }
            return medians;
        }
    }

    /** SD1 at 512 px: 64·64 = 4,096 tokens, 8 heads of 40; forward, and forward+backward. */
    private static void attentionAlone(NDManager m, AttentionFunction fused, int iters) {
        try (NDManager scope = m.newSubManager()) {
            Shape s = new Shape(1, 8, 4096, 40);
            NDArray q = scope.randomNormal(s), k = scope.randomNormal(s), v = scope.randomNormal(s);
            for (boolean backward : new boolean[] {false, true}) {
                double[][] ms = new double[2][iters];
                for (int i = -1; i < iters; i++) {
                    double f = attention(fused, q, k, v, backward);
                    double c = attention(Attention.CHUNKED, q, k, v, backward);
                    if (i >= 0) {
                        ms[0][i] = f;
                        ms[1][i] = c;
                    }
                }
                double f = median(ms[0]), c = median(ms[1]);
                System.out.printf("attention [1, 8, 4096, 40] %s: sdpa %.1f ms, chunked %.1f ms, chunked/sdpa %.2fx%n",
                        backward ? "forward+backward" : "forward", f, c, c / f);
            }
        }
    }

    /** ms of one call (forward, or forward and backward with respect to q). */
    private static double attention(AttentionFunction f, NDArray q, NDArray k, NDArray v, boolean backward) {
        long start = System.nanoTime();
        try (NDManager step = q.getManager().newSubManager()) {
            if (backward) {
                NDArray qq = q.duplicate();
                qq.attach(step);
                qq.setRequiresGradient(true);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray o = f.apply(qq, k, v, false); // [1, 8, 4096, 40]
                    o.attach(step);
                    gc.backward(o.sum());
                }
            } else {
                NDArray o = f.apply(q, k, v, false); // [1, 8, 4096, 40]
                o.attach(step);
                o.toFloatArray(); // force completion (a no-op wait on CPU, a sync on GPU)
            }
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /** RSS after 10 forward passes vs after {@code passes}; and the managers' live arrays, which must not grow. */
    private static void leak(UNet2DConditionModel unet, AttentionFunction kernel, NDManager weights, int passes) throws IOException {
        unet.setAttention(kernel);
        try (NDManager inputs = weights.newSubManager()) {
            NDArray sample = inputs.randomNormal(new Shape(1, 4, 8, 8));
            NDArray t = inputs.create(new long[] {500});
            NDArray ctx = inputs.randomNormal(new Shape(1, 77, unet.config().crossAttentionDim()));
            long rss10 = 0;
            int arrays10 = 0;
            long start = System.nanoTime();
            for (int i = 1; i <= passes; i++) {
                try (NDManager step = inputs.newSubManager()) {
                    NDArray out = unet.forward(sample, t, ctx);
                    out.attach(step);
                }
                if (i == 10) {
                    rss10 = rssKb();
                    arrays10 = weights.getManagedArrays().size();
                }
                if (i % 100 == 0 || i == 10) {
                    System.out.printf("  after %d passes RSS %,d KiB%n", i, rssKb());
                }
            }
            long rssN = rssKb();
            int arraysN = weights.getManagedArrays().size();
            System.out.printf("memory: RSS after 10 forward passes %,d KiB, after %d %,d KiB (%+,d KiB); live arrays %d -> %d;"
                    + " %.1f ms per pass%n", rss10, passes, rssN, rssN - rss10, arrays10, arraysN,
                    (System.nanoTime() - start) / 1e6 / passes);
            System.out.println(arraysN == arrays10 && rssN - rss10 < 16 * 1024 ? "memory: flat (no leak)"
                    : "memory: GROWS - something is not closed");
        }
    }

    private static long rssKb() throws IOException {
        System.gc();
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static String stringArg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
