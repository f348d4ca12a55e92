package org.danlu.engine.train.sample;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.danlu.engine.bucket.Resolution;
import org.danlu.engine.config.TrainConfig;
import org.danlu.engine.run.Event;
import org.danlu.engine.run.EventWriter;
import org.danlu.engine.run.RunDir;
import org.danlu.engine.train.SampleHook;
import org.danlu.engine.train.TrainingModels;

/**
 * Connects the trainer's {@link SampleHook} to {@link TrainingSampler}: renders the run's {@code sample_prompts}
 * with the models being trained (LoRA attached, in eval mode) into {@code runs/<id>/samples/}, one {@code sample}
 * event per image as soon as it is written.
 */
public final class SamplerHook implements SampleHook {
    /** The factory {@code danlu train} passes to the trainer; null hook when the config names no prompt file. */
    public static final Factory FACTORY = SamplerHook::create;

    private final EventWriter events;
    private TrainingSampler sampler;
    /** The step being sampled, for the events the sampler's listener writes. */
    private volatile int step;

    private SamplerHook(EventWriter events) {
        this.events = events;
    }

    static SampleHook create(Context ctx) throws IOException {
        TrainConfig cfg = ctx.config();
        if (cfg.samplePrompts() == null || cfg.samplePrompts().isBlank()) {
            return null;
        }
        TrainingModels m = ctx.models();
        int clipSkip = cfg.clipSkip() == null ? 1 : cfg.clipSkip();
        SampleRenderer renderer = new SampleRenderer(
                new SampleModels(m.tokenizer(), m.textEncoder(), m.unet(), m.vae(), m.weightType()),
                new RenderSettings(clipSkip, SchedulerConfig.sd().withVPrediction(cfg.vParameterization()),
                        modelName(cfg), cfg.outputName() == null ? "lora" : cfg.outputName()));
        Resolution res = cfg.resolution() == null ? new Resolution(512, 512) : cfg.resolution();
        RunDir run = ctx.run();
        EventWriter events = ctx.events();
        SamplerHook hook = new SamplerHook(events);
        hook.sampler = new TrainingSampler(renderer, Path.of(cfg.samplePrompts()), run.samplesDir(),
                new TrainingSampler.Options(cfg.outputName(), res.width(), res.height(),
                        Sampler.parse(cfg.sampleSampler() == null ? "ddim" : cfg.sampleSampler()).sampler()),
                written -> emit(events, new Event.Sample(System.currentTimeMillis(),
                        run.path().relativize(written.file().toAbsolutePath()).toString(), written.prompt(), hook.step)));
        Sampler.Parsed parsed = Sampler.parse(cfg.sampleSampler() == null ? "ddim" : cfg.sampleSampler());
        if (parsed.note() != null) {
            events.log("warn", parsed.note());
        }
        return hook;
    }

    private static void emit(EventWriter events, Event e) {
        try {
            events.write(e);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String modelName(TrainConfig cfg) {
        String p = cfg.string("pretrained_model_name_or_path");
        return p == null ? "model" : Path.of(p).getFileName().toString();
    }

    @Override
    public void sample(int step, int epoch) throws IOException {
        this.step = step;
        try (NDManager manager = NDManager.newBaseManager()) {
            sampler.sample(step, epoch, manager);
        }
        for (String w : sampler.warnings()) {
            events.log("warn", "sample prompts: " + w);
        }
    }
}
