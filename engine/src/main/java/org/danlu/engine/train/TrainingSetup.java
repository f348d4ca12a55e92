package org.danlu.engine.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.danlu.engine.bucket.StepPlan;
import org.danlu.engine.config.DatasetConfig;
import org.danlu.engine.config.TrainConfig;
import org.danlu.engine.lora.LoraFile;
import org.danlu.engine.lora.LoraModule;
import org.danlu.engine.lora.LoraNetwork;
import org.danlu.engine.lora.LoraSpec;
import org.danlu.engine.model.nn.AttentionMode;
import org.danlu.engine.run.RunDir;
import org.danlu.engine.tensor.SafetensorsFile;

/**
 * Builds everything a run needs from its configuration, in kohya's order: precision and device, the base model,
 * the data and its bucket plan, the step arithmetic, the LoRA network (new, from {@code network_weights}, or from a
 * {@code resume} state), the parameter groups, optimizer and LR schedule, and the saver. Every problem is an
 * exception with a message that names the option or file.
 */
final class TrainingSetup {

    /** One optimizer parameter group: kohya's {@code text_encoder} or {@code unet} LoRA at its base lr. */
    record Group(String name, List<NDArray> params, double baseLr) {
    }

    private TrainingSetup() {
    }

    static TrainingJob prepare(TrainConfig cfg, DatasetConfig datasetConfig, RunDir run, Consumer<String> warn)
            throws IOException {
        UnsupportedKeys.warnings(cfg).forEach(warn);
        if (cfg.saveModelAs() != null && !cfg.saveModelAs().equalsIgnoreCase("safetensors")) {
            throw new IllegalArgumentException("save_model_as = \"" + cfg.saveModelAs() + "\": Danlu writes only"
                    + " safetensors (ckpt/pt are pickles, which run code when loaded); set save_model_as = \"safetensors\"");
        }
        if (cfg.pretrainedModelNameOrPath() == null) {
            throw new IllegalArgumentException("pretrained_model_name_or_path is not set: point it at a diffusers folder"
                    + " or a .safetensors checkpoint");
        }
        if (cfg.cacheLatents() || cfg.cacheLatentsToDisk()) {
            if (cfg.randomCrop() || cfg.colorAug()) {
                throw new IllegalArgumentException("cache_latents cannot be used with random_crop or color_aug (each"
                        + " epoch would need new latents); turn one of them off");
            }
        }
        long seed = cfg.seed() != null ? cfg.seed() : new java.util.Random().nextInt() & 0xffffffffL;
        if (cfg.seed() == null) {
            warn.accept("seed is not set: using " + seed + " (set seed to repeat this run)");
        }
        Device device = Engine.getInstance().defaultDevice();
        Precision precision = Precision.choose(cfg.mixedPrecision(), device, warn);
        NDManager manager = NDManager.newBaseManager(device);
        try {
            TrainingData data = TrainingData.build(cfg, datasetConfig, warn);
            StepPlan steps = StepPlan.compute(data.datasets().stream().map(TrainingData.Part::plan).toList(),
                    cfg.gradientAccumulationSteps(), cfg.maxTrainEpochs(), cfg.maxTrainSteps());
            TrainingModels models = TrainingModels.load(Path.of(cfg.pretrainedModelNameOrPath()),
                    cfg.string("tokenizer_path") == null ? null : Path.of(cfg.string("tokenizer_path")), cfg.v2(),
                    manager, precision.weights());
            // Fused SDPA unless `attention = "chunked"` (it falls back to chunked, saying why, where it cannot load).
            // kohya's sdpa / xformers / mem_eff_attn flags all ask for the fused kernel.
            String setting = cfg.string("attention");
            boolean fused = setting == null || cfg.sdpa() || cfg.xformers() || cfg.flag("mem_eff_attn");
            AttentionMode.Choice attention = (fused ? AttentionMode.SDPA : AttentionMode.parse(setting)).resolve(manager);
            models.unet().setAttention(attention.function());
            LoraNetwork network = network(cfg, models, manager, seed, warn);
            Path resumeDir = cfg.resume() == null ? null : Path.of(cfg.resume());
            TrainState resume = resumeDir == null ? null : StateStore.read(resumeDir);
            if (resume != null && resume.batchesPerEpoch() != steps.batchesPerEpoch()) {
                throw new IllegalArgumentException("resume " + resumeDir + ": the state was saved with "
                        + resume.batchesPerEpoch() + " batches per epoch, the data now gives " + steps.batchesPerEpoch()
                        + "; resume needs the same dataset and batch settings");
            }
            if (resume != null && resume.seed() != seed) {
                warn.accept("resume: using the state's seed " + resume.seed() + " instead of " + seed);
                seed = resume.seed();
            }
            Optimizer optimizer = OptimizerFactory.create(cfg.optimizerType(),
                    OptimizerArgs.parse(cfg.optimizerArgs()), cfg.learningRate(), manager, warn);
            if (resume != null) {
                StateStore.restore(resumeDir, network, optimizer, resume, manager);
            }
            List<Group> groups = groups(cfg, network);
            boolean trainTe = groups.stream().anyMatch(g -> g.name().equals("text_encoder"));
            network.attach();
            network.setTraining(true);
            LrSchedule schedule = schedule(cfg, steps);
            LatentCache cache = new LatentCache(cfg.cacheLatentsToDisk() ? LatentCache.Mode.DISK
                    : cfg.cacheLatents() ? LatentCache.Mode.MEMORY : LatentCache.Mode.OFF, models.vaeIdentity());
            NoiseSettings noise = new NoiseSettings(nz(cfg.noiseOffset()), cfg.flag("noise_offset_random_strength"),
                    cfg.adaptiveNoiseScale(), cfg.multiresNoiseIterations() == null ? 0 : cfg.multiresNoiseIterations(),
                    cfg.multiresNoiseDiscount());
            LossWeighting weighting = new LossWeighting(nz(cfg.minSnrGamma()), cfg.vParameterization(),
                    cfg.flag("scale_v_pred_loss_like_noise_pred"), nz(cfg.number("v_pred_like_loss")),
                    cfg.flag("debiased_estimation_loss"));
            NoiseSchedule noiseSchedule = cfg.flag("zero_terminal_snr")
                    ? NoiseSchedule.ddpmScaledLinear().withZeroTerminalSnr() : NoiseSchedule.ddpmScaledLinear();
            StepRunner runner = new StepRunner(models, cache, noiseSchedule, noise, weighting, cfg.vParameterization(),
                    trainTe, cfg.clipSkip() == null ? 1 : cfg.clipSkip(),
                    cfg.isSet("max_token_length") ? cfg.maxTokenLength() : null, cfg.weightedCaptions(), seed,
                    steps.gradientAccumulationSteps());
            String name = cfg.outputName() == null ? "last" : cfg.outputName();
            Path out = cfg.outputDir() == null ? run.outputDir() : Path.of(cfg.outputDir());
            CheckpointSaver saver = new CheckpointSaver(out, run.stateDir(), name, LoraFile.savePrecision(cfg.savePrecision()),
                    cfg.saveEveryNEpochs(), cfg.saveEveryNSteps(), cfg.saveLastNEpochs(), cfg.saveLastNSteps(),
                    cfg.saveState(), steps.numEpochs());
            long session = resume != null ? resume.sessionId() : new java.util.Random().nextInt() & 0xffffffffL;
            double started = resume != null ? resume.trainingStartedAt() : System.currentTimeMillis() / 1000.0;
            KohyaMetadata metadata = KohyaMetadata.of(cfg, data, steps, optimizer.name(), session, started);
            return new TrainingJob(cfg, manager, precision, models, attention, network, data, steps, optimizer, groups,
                    schedule, runner, cache, saver, metadata, seed, resume, session, started);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static double nz(Double v) {
        return v == null ? 0 : v;
    }

    private static LoraNetwork network(TrainConfig cfg, TrainingModels models, NDManager manager, long seed,
                                       Consumer<String> warn) throws IOException {
        if (cfg.networkTrainUnetOnly() && cfg.networkTrainTextEncoderOnly()) {
            throw new IllegalArgumentException("network_train_unet_only and network_train_text_encoder_only are both"
                    + " set: nothing would train; keep one");
        }
        String module = cfg.networkModule();
        if (module != null && !module.equals("networks.lora")) {
            throw new IllegalArgumentException("network_module = \"" + module + "\": Danlu trains networks.lora only");
        }
        LoraSpec spec = new LoraSpec(cfg.networkDim(), (float) cfg.networkAlpha(),
                cfg.convDim() == null ? 0 : cfg.convDim(), cfg.convAlpha() == null ? 1f : cfg.convAlpha().floatValue(),
                !cfg.networkTrainTextEncoderOnly(), !cfg.networkTrainUnetOnly(),
                cfg.networkDropout() == null ? 0f : cfg.networkDropout().floatValue());
        LoraNetwork network = LoraNetwork.create(models.unet(), models.textEncoder(), spec);
        network.initialize(manager, seed);
        if (cfg.networkWeights() != null) {
            try (SafetensorsFile f = SafetensorsFile.open(Path.of(cfg.networkWeights()))) {
                network.loadWeights(f, manager);
            }
            warn.accept("network_weights: continuing from " + cfg.networkWeights());
        }
        return network;
    }

    /** kohya's groups: text encoder first, then UNet; a group whose lr is 0 is dropped ("NO LR skipping!"). */
    private static List<Group> groups(TrainConfig cfg, LoraNetwork network) {
        List<Group> out = new ArrayList<>();
        double base = cfg.learningRate();
        double teLr = cfg.textEncoderLr().isEmpty() ? base : cfg.textEncoderLr().get(0);
        double unetLr = cfg.unetLr() == null ? base : cfg.unetLr();
        if (!network.textEncoderModules().isEmpty() && teLr > 0) {
            out.add(new Group("text_encoder", params(network.textEncoderModules().values()), teLr));
        }
        if (!network.unetModules().isEmpty() && unetLr > 0) {
            out.add(new Group("unet", params(network.unetModules().values()), unetLr));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no LoRA parameters to train: every group's learning rate is 0");
        }
        return out;
    }

    private static List<NDArray> params(java.util.Collection<LoraModule> modules) {
        List<NDArray> out = new ArrayList<>();
        for (LoraModule m : modules) {
            for (NDArray a : List.of(m.downWeight().get(), m.upWeight().get())) {
                a.setRequiresGradient(true);
                out.add(a);
            }
        }
        return out;
    }

    private static LrSchedule schedule(TrainConfig cfg, StepPlan steps) {
        LrSchedulerType type = LrSchedulerType.parse(cfg.lrScheduler() == null ? "constant" : cfg.lrScheduler());
        Number w = cfg.lrWarmupSteps();
        long warmup = w == null ? 0 : w instanceof Double d ? LrWarmup.resolve(d, steps.maxTrainSteps())
                : LrWarmup.resolve(w.longValue(), steps.maxTrainSteps());
        return new LrSchedule(type, steps.maxTrainSteps(), warmup, cfg.lrSchedulerNumCycles(),
                cfg.lrSchedulerPower(), LrSchedule.DEFAULT_LR_END, cfg.learningRate());
    }
}
