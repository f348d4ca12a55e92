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
 * Renders prompts and writes each as a PNG with its parameters into one folder under kohya's file names; shared by
 * the training hook and {@code danlu sample}.
 */
public final class SampleWriter {
    private final SampleRenderer renderer;
    private final Path dir;
    private final String outputName;
    private final Clock clock;
    private final LongSupplier randomSeeds;

    /**
     * @param outputName the file-name prefix (kohya's output_name), or null
     */
    public SampleWriter(SampleRenderer renderer, Path dir, String outputName) {
        this(renderer, dir, outputName, Clock.systemDefaultZone(),
                () -> ThreadLocalRandom.current().nextLong(0, 1L << 32));
    }

    /** With a fixed clock (file names) and seed source (prompts without a seed), for tests. */
    SampleWriter(SampleRenderer renderer, Path dir, String outputName, Clock clock, LongSupplier randomSeeds) {
        this.renderer = renderer;
        this.dir = dir;
        this.outputName = outputName;
        this.clock = clock;
        this.randomSeeds = randomSeeds;
    }

    /**
     * Renders every prompt in order; each file is handed to {@code listener} as soon as it is written.
     *
     * @param counter {@link SampleFileName#step} / {@link SampleFileName#epoch}, or null outside training
     * @param step recorded in the PNG, or null
     * @param epoch recorded in the PNG, or null
     */
    public List<WrittenSample> writeAll(List<SamplePrompt> prompts, SampleDefaults defaults, String counter,
            Integer step, Integer epoch, NDManager manager, Consumer<WrittenSample> listener) throws IOException {
        List<WrittenSample> written = new ArrayList<>();
        for (SamplePrompt p : prompts) {
            SampleRequest r = p.resolve(defaults, randomSeeds.getAsLong());
            BufferedImage image = renderer.render(r, manager);
            String params = SampleParameters.format(r, renderer.settings(), step, epoch);
            String name = SampleFileName.of(outputName, counter, p.index(), LocalDateTime.now(clock),
                    r.seedGiven() ? r.seed() : null);
            WrittenSample s = new WrittenSample(SamplePng.write(dir, name, image, params), r, params);
            written.add(s);
            if (listener != null) {
                listener.accept(s);
            }
        }
        return List.copyOf(written);
    }
}
