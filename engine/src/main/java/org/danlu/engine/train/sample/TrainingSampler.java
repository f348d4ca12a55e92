package org.danlu.engine.train.sample;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The trainer's hook for sample images: at a step or an epoch end it reads the prompt file (again each time, as kohya
 * does, so prompts can be edited during a run), renders every prompt and writes the PNGs into the samples folder with
 * kohya's file names. Each image goes to the listener as soon as it is written (the trainer emits a {@code sample}
 * event from it), so a monitor shows it while the next one renders. When to call: {@link SampleSchedule}.
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

    private final Path promptFile;
    private final SampleDefaults defaults;
    private final SampleWriter writer;
    private final Consumer<WrittenSample> listener;
    private volatile List<String> warnings = List.of();

    public TrainingSampler(SampleRenderer renderer, Path promptFile, Path samplesDir, Options options,
            Consumer<WrittenSample> listener) {
        this(renderer, promptFile, samplesDir, options, listener, Clock.systemDefaultZone(),
                () -> ThreadLocalRandom.current().nextLong(0, 1L << 32));
    }

    /** With a fixed clock (file names) and seed source (prompts without {@code --d}), for tests. */
    TrainingSampler(SampleRenderer renderer, Path promptFile, Path samplesDir, Options options,
            Consumer<WrittenSample> listener, Clock clock, LongSupplier randomSeeds) {
        this.promptFile = promptFile;
        this.defaults = SampleDefaults.kohya(options.width(), options.height(), options.sampler());
        this.writer = new SampleWriter(renderer, samplesDir, options.outputName(), clock, randomSeeds);
        this.listener = listener;
    }

    /** Samples after optimizer step {@code step}, named by step (kohya's {@code %06d}). */
    public List<WrittenSample> sample(int step, int epoch, NDManager manager) throws IOException {
        return run(SampleFileName.step(step), step, epoch, manager);
    }

    /** Samples at the end of epoch {@code epoch}, named by epoch (kohya's {@code e%06d}). */
    public List<WrittenSample> sampleAtEpochEnd(int step, int epoch, NDManager manager) throws IOException {
        return run(SampleFileName.epoch(epoch), step, epoch, manager);
    }

    /** What the last read of the prompt file accepted but ignored (for the run's log). */
    public List<String> warnings() {
        return warnings;
    }

    private List<WrittenSample> run(String counter, int step, int epoch, NDManager manager) throws IOException {
        SamplePromptFile.Parsed parsed = SamplePromptFile.read(promptFile);
        warnings = parsed.warnings();
        return writer.writeAll(parsed.prompts(), defaults, counter, step, epoch, manager, listener);
    }
}
