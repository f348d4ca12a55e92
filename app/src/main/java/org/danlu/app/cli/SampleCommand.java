package org.danlu.app.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.danlu.engine.train.sample.SampleCheckpoint;
import org.danlu.engine.train.sample.RenderSettings;
import org.danlu.engine.train.sample.SampleDefaults;
import org.danlu.engine.train.sample.SamplePrompt;
import org.danlu.engine.train.sample.SamplePromptFile;
import org.danlu.engine.train.sample.SampleRenderer;
import org.danlu.engine.train.sample.SampleWriter;
import org.danlu.engine.train.sample.Sampler;
import org.danlu.engine.train.sample.SchedulerConfig;
import org.danlu.engine.train.sample.WrittenSample;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code danlu sample}: text to image with a model (and a LoRA), written as PNGs with their parameters. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Render sample images from a prompt or a kohya prompt file with a checkpoint (diffusers folder or"
                + " single file, optionally with a LoRA); PNGs carry the parameters as AUTOMATIC1111 writes them.")
final class SampleCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "PATH",
            description = "A diffusers model folder or a single .safetensors checkpoint (SD 1.x / 2.x).")
    Path model;

    @Option(names = "--config", paramLabel = "DIR",
            description = "A diffusers folder whose config.json files describe a single-file checkpoint.")
    Path configFolder;

    @Option(names = "--tokenizer", paramLabel = "PATH",
            description = "CLIP tokenizer.json (default: the model folder, then the HuggingFace cache).")
    Path tokenizer;

    @Option(names = "--lora", paramLabel = "FILE", description = "kohya LoRA .safetensors to apply.")
    Path lora;

    @Option(names = "--multiplier", defaultValue = "1.0", paramLabel = "M", description = "LoRA strength (default 1.0).")
    float multiplier;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "The prompt (or use --prompts).")
    String prompt;

    @Option(names = "--negative", paramLabel = "TEXT", description = "Negative prompt (with --prompt).")
    String negative;

    @Option(names = "--prompts", paramLabel = "FILE",
            description = "kohya sample prompt file (.txt, .toml, .json); --steps, --sampler, --cfg, --width and --height"
                    + " are the defaults for its prompts.")
    Path prompts;

    @Option(names = "--steps", defaultValue = "30", paramLabel = "N", description = "Sampling steps (default 30).")
    int steps;

    @Option(names = "--sampler", defaultValue = "euler_a", paramLabel = "NAME",
            description = "euler_a, euler or ddim (default euler_a).")
    String sampler;

    @Option(names = "--cfg", defaultValue = "7.5", paramLabel = "SCALE", description = "CFG scale (default 7.5).")
    double cfg;

    @Option(names = "--seed", paramLabel = "S", description = "Seed (with --prompt; default: random, printed).")
    Long seed;

    @Option(names = "--width", defaultValue = "512", paramLabel = "W", description = "Width, floored to /8 (512).")
    int width;

    @Option(names = "--height", defaultValue = "512", paramLabel = "H", description = "Height, floored to /8 (512).")
    int height;

    @Option(names = "--clip-skip", defaultValue = "1", paramLabel = "N", description = "CLIP skip as in training (1).")
    int clipSkip;

    @Option(names = "--v-prediction",
            description = "The model predicts v (SD 2.x 768-v) although its config does not say so.")
    boolean vPrediction;

    @Option(names = "--dtype", defaultValue = "auto", paramLabel = "TYPE",
            description = "Weights type: auto (float32 on CPU, float16 on GPU), float32 or float16.")
    String dtype;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the PNGs (created).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if ((prompt == null) == (prompts == null)) {
            throw new ParameterException(spec.commandLine(), "give either --prompt TEXT or --prompts FILE");
        }
        Sampler.Parsed parsedSampler = Sampler.parse(sampler);
        PrintWriter o = spec.commandLine().getOut();
        if (parsedSampler.note() != null) {
            o.println("warning: " + parsedSampler.note());
        }
        List<SamplePrompt> list;
        if (prompt != null) {
            list = List.of(new SamplePrompt(0, "--prompt", prompt, negative, null, null, seed, null, null, null));
        } else {
            SamplePromptFile.Parsed parsed = SamplePromptFile.read(prompts);
            parsed.warnings().forEach(w -> o.println("warning: " + w));
            list = parsed.prompts();
        }
        SampleDefaults defaults = new SampleDefaults(width, height, steps, cfg, parsedSampler.sampler());
        try (NDManager manager = NDManager.newBaseManager()) {
            DataType type = dataType(manager);
            try (SampleCheckpoint models = SampleCheckpoint.load(model, configFolder, tokenizer, lora, multiplier,
                    manager, type)) {
                models.notes().forEach(n -> o.println(n));
                RenderSettings settings = new RenderSettings(clipSkip,
                        SchedulerConfig.sd().withVPrediction(vPrediction || models.vPrediction()),
                        modelName(), models.loraLabel());
                SampleWriter writer = new SampleWriter(new SampleRenderer(models.models(), settings), out, null);
                o.flush();
                List<WrittenSample> written = writer.writeAll(list, defaults, null, null, null, manager, s -> {
                    o.println(s.file() + "  seed " + s.request().seed() + "  " + s.request().width() + "x"
                            + s.request().height() + "  " + s.request().sampler().kohyaName());
                    o.flush();
                });
                o.println(written.size() + " image(s) in " + out);
            }
        }
        o.flush();
        return 0;
    }

    /** What A1111 shows as Model: the checkpoint's file name without extension, or the folder's name. */
    private String modelName() {
        String name = model.toAbsolutePath().normalize().getFileName().toString();
        return name.endsWith(".safetensors") ? name.substring(0, name.length() - ".safetensors".length()) : name;
    }

    private DataType dataType(NDManager manager) {
        return switch (dtype.toLowerCase(Locale.ROOT)) {
            case "auto" -> manager.getDevice().isGpu() ? DataType.FLOAT16 : DataType.FLOAT32;
            case "float32", "fp32" -> DataType.FLOAT32;
            case "float16", "fp16" -> DataType.FLOAT16;
            default -> throw new ParameterException(spec.commandLine(),
                    "--dtype " + dtype + " is not known; use auto, float32 or float16 (bfloat16 arrays cannot be made"
                            + " with DJL 0.35.1)");
        };
    }
}
