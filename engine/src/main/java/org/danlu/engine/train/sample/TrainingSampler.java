package org.danlu.engine.train.sample;

import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The trainer's hook for sample images: at a step or an epoch end it reads the prompt file (again each time, as kohya
 * does, so prompts can be edited during a run), renders every prompt and writes the PNGs into the samples folder with
 * kohya's file names. Each image is reported to the listener as soon as it is written, so a monitor shows it while
 * the next one renders.
 */
public final class TrainingSampler {
    /**
     * Run-wide choices.
     *
     * @param outputName the run's output_name (file-name prefix), or null
     * @param width default width when a prompt gives none (the training resolution; kohya: 512)
     * @param height default height
     * @param sampler the run's {@code sample_sampler}
     */
    public record Options(String outputName, int width, int height, Sampler sampler) {}

    private final SampleRenderer renderer;
    private final Path promptFile;
    private final Path samplesDir;
    private final Options options;
    private final Consumer<WrittenSample> listener;
    private final Clock clock;
    private final LongSupplier randomSeeds;

    public TrainingSampler(SampleRenderer renderer, Path promptFile, Path samplesDir, Options options,
            Consumer<WrittenSample> listener) {
        this(renderer, promptFile, samplesDir, options, listener, Clock.systemDefaultZone(),
                () -> ThreadLocalRandom.current().nextLong(0, 1L << 32));
    }

    /** With a fixed clock (file names) and seed source (prompts without {@code --d}), for tests. */
    TrainingSampler(SampleRenderer renderer, Path promptFile, Path samplesDir, Options options,
            Consumer<WrittenSample> listener, Clock clock, LongSupplier randomSeeds) {
        this.renderer = renderer;
        this.promptFile = promptFile;
        this.samplesDir = samplesDir;
        this.options = options;
        this.listener = listener == null ? s -> { } : listener;
        this.clock = clock;
        this.randomSeeds = randomSeeds;
    }

    /** Samples after optimizer step {@code step}, named by step (kohya's {@code %06d}). */
    public List<WrittenSample> sample(int step, int epoch, NDManager manager) throws IOException {
        return run(SampleFileName.step(step), step, epoch, manager);
    }

    /** Samples at the end of epoch {@code epoch}, named by epoch (kohya's {@code e%06d}). */
    public List<WrittenSample> sampleAtEpochEnd(int step, int epoch, NDManager manager) throws IOException {
        return run(SampleFileName.epoch(epoch), step, epoch, manager);
    }

    private List<WrittenSample> run(String counter, int step, int epoch, NDManager manager) throws IOException {
        SamplePromptFile.Parsed parsed = SamplePromptFile.read(promptFile);
        List<WrittenSample> written = new ArrayList<>();
        for (SamplePrompt p : parsed.prompts()) {
            SampleRequest r = p.resolve(options.width(), options.height(), options.sampler(),
                    randomSeeds.getAsLong());
            BufferedImage image = renderer.render(r, manager);
            String params = SampleParameters.format(r, renderer.settings(), step, epoch);
            String name = SampleFileName.of(options.outputName(), counter, p.index(), LocalDateTime.now(clock),
                    r.seedGiven() ? r.seed() : null);
            WrittenSample s = new WrittenSample(SamplePng.write(samplesDir, name, image, params), r, params);
            written.add(s);
            listener.accept(s);
        }
        return List.copyOf(written);
    }
}
