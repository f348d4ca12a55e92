package org.danlu.engine.train;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;

/**
 * Loads batches ahead of the training thread: on a small pool of daemon threads each sample's cached latent is
 * looked up or its image decoded (ImageIO + TwelveMonkeys), fitted into its bucket (resize, crop, flip) and its
 * caption processed for the epoch. At most {@code prefetch} batches are in flight (a bounded queue of futures,
 * taken in order). Randomness comes from {@link StepRandom}, so the result does not depend on thread timing.
 */
final class BatchLoader implements AutoCloseable {

    /** One loaded sample: either its cached latent or its pixels, and its processed caption. */
    record Sample(TrainItem item, boolean flipped, LatentCache.Latent latent, ChwImage pixels, String caption) {
    }

    /** A loaded batch. */
    record Loaded(EpochOrder.Batch batch, List<Sample> samples) {
        float[] lossWeights() {
            float[] w = new float[samples.size()];
            for (int i = 0; i < w.length; i++) {
                w[i] = samples.get(i).item().lossWeight();
            }
            return w;
        }
    }

    private final TrainingData data;
    private final LatentCache cache;
    private final long seed;
    private final long maxTrainSteps;
    private final int accumulation;
    private final int prefetch;
    private final ExecutorService pool;
    private final Deque<Future<Loaded>> inFlight = new ArrayDeque<>();
    private List<EpochOrder.Batch> batches = List.of();
    private int next;
    private long epochStartStep;

    BatchLoader(TrainingData data, LatentCache cache, long seed, long maxTrainSteps, int accumulation, int threads,
                int prefetch) {
        this.data = data;
        this.cache = cache;
        this.seed = seed;
        this.maxTrainSteps = maxTrainSteps;
        this.accumulation = accumulation;
        this.prefetch = prefetch;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "danlu-loader");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts an epoch at batch {@code from}; {@code epochStartStep} is the global step at the epoch's first batch. */
    void startEpoch(List<EpochOrder.Batch> epochBatches, int from, long epochStartStep) {
        inFlight.forEach(f -> f.cancel(true));
        inFlight.clear();
        this.batches = epochBatches;
        this.next = from;
        this.epochStartStep = epochStartStep;
        fill();
    }

    /** The next batch of the epoch, waiting for it if needed. */
    Loaded take() throws IOException, InterruptedException {
        Future<Loaded> f = inFlight.poll();
        if (f == null) {
            throw new IllegalStateException("no batch left in this epoch");
        }
        fill();
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(c.getMessage(), c);
        }
    }

    private void fill() {
        while (inFlight.size() < prefetch && next < batches.size()) {
            EpochOrder.Batch b = batches.get(next++);
            long step = epochStartStep + b.index() / accumulation;
            inFlight.add(pool.submit(() -> load(b, step)));
        }
    }

    private Loaded load(EpochOrder.Batch b, long globalStep) {
        List<Sample> out = new ArrayList<>(b.itemIds().size());
        CaptionTime time = new CaptionTime(b.epoch(), globalStep, maxTrainSteps);
        for (int i = 0; i < b.itemIds().size(); i++) {
            TrainItem item = data.items().get(b.itemIds().get(i));
            Random img = StepRandom.of(seed, b.epoch(), b.index(), StepRandom.Purpose.IMAGE, i);
            Random cap = StepRandom.of(seed, b.epoch(), b.index(), StepRandom.Purpose.CAPTION, i);
            String caption = CaptionProcessor.process(item.baseCaption(), item.options().captions(), time, cap);
            try {
                out.add(sample(item, img, caption));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Loaded(b, out);
    }

    private Sample sample(TrainItem item, Random rng, String caption) throws IOException {
        if (cache.enabled()) {
            // A cached latent is fixed per (image, flip): draw the flip first, crop centred (kohya refuses
            // random_crop with cached latents).
            boolean flip = item.options().flipAug() && rng.nextDouble() < 0.5;
            LatentCache.Latent l = cache.get(item, flip);
            if (l != null) {
                return new Sample(item, flip, l, null, caption);
            }
            PreparedImage p = BucketImageFitter.fit(decode(item), item.orientation(), item.target(),
                    item.options().interpolation(), false, false, rng);
            return new Sample(item, flip, null, flip ? mirror(p.pixels()) : p.pixels(), caption);
        }
        PreparedImage p = BucketImageFitter.fit(decode(item), item.orientation(), item.target(),
                item.options().interpolation(), item.options().randomCrop(), item.options().flipAug(), rng);
        return new Sample(item, p.flipped(), null, p.pixels(), caption);
    }

    private static BufferedImage decode(TrainItem item) throws IOException {
        BufferedImage img;
        try {
            img = ImageIO.read(item.image().toFile());
        } catch (IOException | RuntimeException e) {
            throw new IOException(item.image() + ": cannot decode the image (" + e.getMessage()
                    + "); fix or remove the file, `danlu scan` lists broken images", e);
        }
        if (img == null) {
            throw new IOException(item.image() + ": no image decoder understands this file; convert it to PNG or JPEG");
        }
        return img;
    }

    private static ChwImage mirror(ChwImage in) {
        int h = in.height();
        int w = in.width();
        float[] out = new float[in.data().length];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                int row = (c * h + y) * w;
                for (int x = 0; x < w; x++) {
                    out[row + x] = in.data()[row + w - 1 - x];
                }
            }
        }
        return new ChwImage(h, w, out);
    }

    @Override
    public void close() {
        inFlight.forEach(f -> f.cancel(true));
        pool.shutdownNow();
    }
}
