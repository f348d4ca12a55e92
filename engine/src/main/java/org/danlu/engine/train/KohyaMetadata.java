package org.danlu.engine.train;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.danlu.engine.bucket.BucketPlan;
import org.danlu.engine.bucket.BucketSummary;
import org.danlu.engine.bucket.StepPlan;
import org.danlu.engine.config.TrainConfig;
import org.danlu.engine.lora.PythonRepr;

import static org.danlu.engine.lora.PythonRepr.str;

/**
 * The {@code ss_*} and {@code modelspec.*} metadata sd-scripts' {@code train_network.py} writes into a LoRA file
 * (kohya-compat.md §4.7), values formatted as Python's {@code str()}. Built once per run; {@link #at} adds the
 * per-save values ({@code ss_training_finished_at}, {@code ss_steps}, {@code ss_epoch}).
 */
public final class KohyaMetadata {

    /** What sd-scripts writes in {@code ss_sd_scripts_commit_hash}; ours names the trainer instead. */
    static final String TRAINER = "danlu";

    private final Map<String, String> base;

    private KohyaMetadata(Map<String, String> base) {
        this.base = base;
    }

    /**
     * @param optimizerName the optimizer's kohya spelling ({@link Optimizer#name()})
     */
    public static KohyaMetadata of(TrainConfig cfg, TrainingData data, StepPlan steps, String optimizerName,
                                   long sessionId, double startedAt) {
        Map<String, String> m = new LinkedHashMap<>();
        long trainImages = 0;
        long regImages = 0;
        for (TrainingData.Part p : data.datasets()) {
            trainImages += p.plan().numTrainImages();
            regImages += p.plan().numRegImages();
        }
        Double unetLr = cfg.unetLr();
        List<Double> teLr = cfg.textEncoderLr();
        m.put("ss_session_id", str(sessionId));
        m.put("ss_training_started_at", str(startedAt));
        m.put("ss_output_name", str(cfg.outputName()));
        m.put("ss_learning_rate", str(cfg.learningRate()));
        m.put("ss_text_encoder_lr", str(teLr.isEmpty() ? null : teLr.get(0)));
        m.put("ss_unet_lr", str(unetLr));
        m.put("ss_num_train_images", str(trainImages));
        m.put("ss_num_validation_images", "0");
        m.put("ss_num_reg_images", str(regImages));
        m.put("ss_num_batches_per_epoch", str(steps.batchesPerEpoch()));
        m.put("ss_num_epochs", str(steps.numEpochs()));
        m.put("ss_gradient_checkpointing", str(cfg.gradientCheckpointing()));
        m.put("ss_gradient_accumulation_steps", str(steps.gradientAccumulationSteps()));
        m.put("ss_max_train_steps", str(steps.maxTrainSteps()));
        m.put("ss_lr_warmup_steps", str(cfg.lrWarmupSteps() == null ? 0L : cfg.lrWarmupSteps()));
        m.put("ss_lr_scheduler", str(cfg.lrScheduler()));
        m.put("ss_network_module", str(cfg.networkModule() == null ? "networks.lora" : cfg.networkModule()));
        m.put("ss_network_dim", str(cfg.isSet("network_dim") ? cfg.get("network_dim") : null));
        m.put("ss_network_alpha", str(cfg.isSet("network_alpha") ? cfg.get("network_alpha") : null));
        m.put("ss_network_dropout", str(cfg.networkDropout()));
        m.put("ss_mixed_precision", str(cfg.mixedPrecision()));
        m.put("ss_full_fp16", str(cfg.flag("full_fp16")));
        m.put("ss_v2", str(cfg.v2()));
        m.put("ss_base_model_version", (cfg.v2() ? "sd_v2" : "sd_v1") + (cfg.vParameterization() ? "_v" : ""));
        m.put("ss_clip_skip", str(cfg.clipSkip()));
        m.put("ss_max_token_length", str(cfg.isSet("max_token_length") ? cfg.get("max_token_length") : null));
        m.put("ss_cache_latents", str(cfg.cacheLatents()));
        m.put("ss_seed", str(cfg.seed()));
        m.put("ss_lowram", str(cfg.flag("lowram")));
        m.put("ss_noise_offset", str(cfg.noiseOffset()));
        m.put("ss_multires_noise_iterations", str(cfg.multiresNoiseIterations()));
        m.put("ss_multires_noise_discount", str(cfg.multiresNoiseDiscount()));
        m.put("ss_adaptive_noise_scale", str(cfg.adaptiveNoiseScale()));
        m.put("ss_zero_terminal_snr", str(cfg.flag("zero_terminal_snr")));
        m.put("ss_training_comment", str(cfg.trainingComment()));
        m.put("ss_sd_scripts_commit_hash", TRAINER);
        m.put("ss_optimizer", optimizerText(optimizerName, cfg.optimizerArgs()));
        m.put("ss_max_grad_norm", str(cfg.maxGradNorm()));
        m.put("ss_caption_dropout_rate", str(cfg.captionDropoutRate()));
        m.put("ss_caption_dropout_every_n_epochs", str(cfg.captionDropoutEveryNEpochs()));
        m.put("ss_caption_tag_dropout_rate", str(cfg.captionTagDropoutRate()));
        m.put("ss_face_crop_aug_range", str(cfg.get("face_crop_aug_range")));
        m.put("ss_prior_loss_weight", str(cfg.priorLossWeight()));
        m.put("ss_min_snr_gamma", str(cfg.minSnrGamma()));
        m.put("ss_scale_weight_norms", str(cfg.get("scale_weight_norms")));
        m.put("ss_ip_noise_gamma", str(cfg.get("ip_noise_gamma")));
        m.put("ss_debiased_estimation", str(cfg.flag("debiased_estimation_loss")));
        m.put("ss_loss_type", str(cfg.get("loss_type") == null ? "l2" : cfg.get("loss_type")));
        if (!data.fromDatasetConfig()) {
            folderMethod(m, cfg, data, steps);
        } else {
            m.put("ss_datasets", PythonRepr.json(datasets(data)));
            m.put("ss_tag_frequency", PythonRepr.json(data.tagFrequency()));
            m.put("ss_dataset_dirs", PythonRepr.json(dirs(data, false)));
        }
        String title = cfg.outputName() != null ? cfg.outputName()
                : "LoRA@" + LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        var res = data.datasets().get(0).plan().settings().resolution();
        m.put("modelspec.sai_model_spec", "1.0.1");
        m.put("modelspec.architecture", (cfg.v2() ? (cfg.vParameterization() ? "stable-diffusion-v2-768-v"
                : "stable-diffusion-v2-512") : "stable-diffusion-v1") + "/lora");
        m.put("modelspec.implementation", "diffusers");
        m.put("modelspec.title", title);
        m.put("modelspec.resolution", res.width() + "x" + res.height());
        m.put("modelspec.prediction_type", cfg.vParameterization() ? "v" : "epsilon");
        if (cfg.clipSkip() != null) {
            m.put("modelspec.encoder_layer", str(cfg.clipSkip()));
        }
        m.put("modelspec.implementation_version", TRAINER);
        if (cfg.pretrainedModelNameOrPath() != null) {
            m.put("ss_sd_model_name", Path.of(cfg.pretrainedModelNameOrPath()).getFileName().toString());
        }
        return new KohyaMetadata(m);
    }

    private static void folderMethod(Map<String, String> m, TrainConfig cfg, TrainingData data, StepPlan steps) {
        BucketPlan plan = data.datasets().get(0).plan();
        var r = plan.settings().resolution();
        m.put("ss_batch_size_per_device", str(plan.batchSize()));
        m.put("ss_total_batch_size", str(plan.batchSize() * steps.gradientAccumulationSteps()));
        m.put("ss_resolution", str(new PythonRepr.Tuple(r.width(), r.height())));
        m.put("ss_color_aug", str(cfg.colorAug()));
        m.put("ss_flip_aug", str(cfg.flipAug()));
        m.put("ss_random_crop", str(cfg.randomCrop()));
        m.put("ss_shuffle_caption", str(cfg.shuffleCaption()));
        m.put("ss_enable_bucket", str(plan.settings().enableBucket()));
        m.put("ss_bucket_no_upscale", str(plan.settings().bucketNoUpscale()));
        m.put("ss_min_bucket_reso", str(plan.settings().minBucketReso()));
        m.put("ss_max_bucket_reso", str(plan.settings().maxBucketReso()));
        m.put("ss_keep_tokens", str(cfg.keepTokens()));
        m.put("ss_dataset_dirs", PythonRepr.json(dirs(data, false)));
        m.put("ss_reg_dataset_dirs", PythonRepr.json(dirs(data, true)));
        m.put("ss_tag_frequency", PythonRepr.json(data.tagFrequency()));
        m.put("ss_bucket_info", PythonRepr.json(bucketInfo(plan)));
    }

    /** {@code {"buckets": {"0": {"resolution": [w, h], "count": n}, ...}, "mean_img_ar_error": x}}. */
    static Map<String, Object> bucketInfo(BucketPlan plan) {
        Map<String, Object> buckets = new LinkedHashMap<>();
        for (BucketSummary b : plan.buckets()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("resolution", List.of((long) b.resolution().width(), (long) b.resolution().height()));
            one.put("count", (long) b.samples());
            buckets.put(String.valueOf(b.kohyaIndex()), one);
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("buckets", buckets);
        info.put("mean_img_ar_error", plan.meanArError());
        return info;
    }

    private static Map<String, Object> dirs(TrainingData data, boolean reg) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (TrainingData.Subset s : data.subsets().values()) {
            if (s.reg() == reg) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("n_repeats", (long) s.repeats());
                one.put("img_count", (long) s.images());
                out.put(s.name(), one);
            }
        }
        return out;
    }

    private static List<Object> datasets(TrainingData data) {
        List<Object> out = new ArrayList<>();
        for (TrainingData.Part p : data.datasets()) {
            Map<String, Object> d = new LinkedHashMap<>();
            var r = p.plan().settings().resolution();
            d.put("is_dreambooth", true);
            d.put("batch_size_per_device", (long) p.plan().batchSize());
            d.put("num_train_images", p.plan().numTrainImages());
            d.put("num_reg_images", p.plan().numRegImages());
            d.put("resolution", List.of((long) r.width(), (long) r.height()));
            d.put("enable_bucket", p.plan().settings().enableBucket());
            d.put("min_bucket_reso", (long) p.plan().settings().minBucketReso());
            d.put("max_bucket_reso", (long) p.plan().settings().maxBucketReso());
            d.put("bucket_info", bucketInfo(p.plan()));
            out.add(d);
        }
        return out;
    }

    /** kohya: {@code module.Class} then {@code (k=v,...)} when optimizer_args are given. */
    static String optimizerText(String name, List<String> args) {
        String cls = switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "adamw" -> "torch.optim.adamw.AdamW";
            case "lion" -> "lion_pytorch.lion_pytorch.Lion";
            case "sgdnesterov" -> "torch.optim.sgd.SGD";
            case "adafactor" -> "transformers.optimization.Adafactor";
            case "dadaptadam" -> "dadaptation.dadapt_adam.DAdaptAdam";
            case "prodigy" -> "prodigyopt.prodigy.Prodigy";
            default -> name;
        };
        return args == null || args.isEmpty() ? cls : cls + "(" + String.join(",", args) + ")";
    }

    /** The metadata of one save: the run's values plus when, at which step and epoch. */
    public Map<String, String> at(long step, int epoch, double finishedAt) {
        Map<String, String> m = new LinkedHashMap<>(base);
        m.put("ss_training_finished_at", str(finishedAt));
        m.put("ss_steps", str(step));
        m.put("ss_epoch", str(epoch));
        m.put("modelspec.date", LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
        return m;
    }
}
