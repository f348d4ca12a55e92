package org.danlu.engine.config;

import static org.danlu.engine.config.ConfigGroup.DATASET;
import static org.danlu.engine.config.ConfigGroup.LOGGING;
import static org.danlu.engine.config.ConfigGroup.MODEL;
import static org.danlu.engine.config.ConfigGroup.NETWORK;
import static org.danlu.engine.config.ConfigGroup.NOISE;
import static org.danlu.engine.config.ConfigGroup.OPTIMIZER;
import static org.danlu.engine.config.ConfigGroup.SAMPLES;
import static org.danlu.engine.config.ConfigGroup.SAVING;
import static org.danlu.engine.config.ConfigGroup.SCHEDULER;
import static org.danlu.engine.config.ConfigGroup.TRAINING;
import static org.danlu.engine.config.ConfigType.BOOL;
import static org.danlu.engine.config.ConfigType.FLOAT;
import static org.danlu.engine.config.ConfigType.FLOAT_LIST;
import static org.danlu.engine.config.ConfigType.INT;
import static org.danlu.engine.config.ConfigType.RESOLUTION;
import static org.danlu.engine.config.ConfigType.STEPS_OR_RATIO;
import static org.danlu.engine.config.ConfigType.STRING;
import static org.danlu.engine.config.ConfigType.STRING_LIST;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalogue of options Danlu understands, with sd-scripts' names and argparse defaults
 * (train_util.py / train_network.py). Data, not code: the reader, writer, validator and the
 * Params screen all walk this list.
 */
public final class ConfigKeys {

    /** lr_scheduler values sd-scripts accepts by name (diffusers' get_scheduler + adafactor). */
    public static final List<String> LR_SCHEDULERS = List.of("linear", "cosine", "cosine_with_restarts",
            "polynomial", "constant", "constant_with_warmup", "adafactor", "inverse_sqrt", "cosine_with_min_lr",
            "warmup_stable_decay", "piecewise_constant");

    /** optimizer_type names sd-scripts knows (case-insensitive); any torch.optim class also works. */
    public static final List<String> OPTIMIZERS = List.of("AdamW", "AdamW8bit", "PagedAdamW", "PagedAdamW8bit",
            "PagedAdamW32bit", "Lion", "Lion8bit", "PagedLion8bit", "SGDNesterov", "SGDNesterov8bit", "DAdaptation",
            "DAdaptAdamPreprint", "DAdaptAdaGrad", "DAdaptAdam", "DAdaptAdan", "DAdaptAdanIP", "DAdaptLion",
            "DAdaptSGD", "Prodigy", "AdaFactor", "RAdamScheduleFree", "AdamWScheduleFree", "SGDScheduleFree");

    private static final List<String> SAMPLERS = List.of("ddim", "pndm", "lms", "euler", "euler_a", "heun",
            "dpm_2", "dpm_2_a", "dpmsolver", "dpmsolver++", "dpmsingle", "k_lms", "k_euler", "k_euler_a",
            "k_dpm_2", "k_dpm_2_a");

    private static final List<ConfigKey> ALL = new ArrayList<>();
    private static final Map<String, ConfigKey> BY_NAME = new LinkedHashMap<>();

    static {
        key("pretrained_model_name_or_path", STRING, null, MODEL, "base model: a .safetensors file or a diffusers folder");
        key("v2", BOOL, false, MODEL, "the base model is Stable Diffusion 2.x");
        key("v_parameterization", BOOL, false, MODEL, "v-prediction model (SD 2.x 768)");

        key("train_data_dir", STRING, null, DATASET, "parent of the N_name image folders");
        key("reg_data_dir", STRING, null, DATASET, "parent of the regularization image folders");
        key("dataset_config", STRING, null, DATASET, "a --dataset_config TOML; replaces train_data_dir/reg_data_dir");
        key("resolution", RESOLUTION, null, DATASET, "training resolution: \"512\" or \"768,512\"");
        key("enable_bucket", BOOL, false, DATASET, "aspect-ratio bucketing");
        range("min_bucket_reso", INT, 256, DATASET, 1.0, null, "smallest bucket side");
        range("max_bucket_reso", INT, 1024, DATASET, 1.0, null, "largest bucket side");
        range("bucket_reso_steps", INT, 64, DATASET, 1.0, null, "bucket sides are multiples of this (64 for SD1/SD2)");
        key("bucket_no_upscale", BOOL, false, DATASET, "never enlarge an image to reach a bucket");
        key("caption_extension", STRING, ".caption", DATASET, "caption file extension (kohya's default is .caption)");
        key("shuffle_caption", BOOL, false, DATASET, "shuffle comma-separated tags each step");
        range("keep_tokens", INT, 0, DATASET, 0.0, null, "tags kept in front when shuffling");
        key("keep_tokens_separator", STRING, "", DATASET, "separator ending the kept part of a caption");
        range("caption_dropout_rate", FLOAT, 0.0, DATASET, 0.0, 1.0, "chance to train a step with an empty caption");
        range("caption_dropout_every_n_epochs", INT, 0, DATASET, 0.0, null, "drop all captions every N epochs");
        range("caption_tag_dropout_rate", FLOAT, 0.0, DATASET, 0.0, 1.0, "chance to drop each tag");
        key("caption_prefix", STRING, null, DATASET, "text put before every caption");
        key("caption_suffix", STRING, null, DATASET, "text put after every caption");
        key("weighted_captions", BOOL, false, DATASET, "A1111 weights in captions: (tag), [tag], (tag:1.3)");
        key("flip_aug", BOOL, false, DATASET, "random horizontal flips");
        key("color_aug", BOOL, false, DATASET, "random hue changes (not with cache_latents)");
        key("random_crop", BOOL, false, DATASET, "random instead of centre crop (not with cache_latents)");
        key("cache_latents", BOOL, false, DATASET, "encode images once and keep the latents in memory");
        key("cache_latents_to_disk", BOOL, false, DATASET, "keep cached latents in .npz files beside the images");
        range("prior_loss_weight", FLOAT, 1.0, DATASET, 0.0, null, "loss weight of regularization images");

        choice("network_module", STRING, null, NETWORK, List.of("networks.lora"), "the network type; Danlu trains networks.lora");
        range("network_dim", INT, null, NETWORK, 1.0, null, "LoRA rank (kohya's default 4)");
        range("network_alpha", FLOAT, null, NETWORK, 0.0, null, "LoRA alpha; scale = alpha / dim (kohya's default 1)");
        range("network_dropout", FLOAT, null, NETWORK, 0.0, 1.0, "dropout on the LoRA down output");
        key("network_args", STRING_LIST, null, NETWORK, "extra network options, e.g. [\"conv_dim=8\", \"conv_alpha=1\"]");
        key("network_weights", STRING, null, NETWORK, "start from these LoRA weights");
        key("network_train_unet_only", BOOL, false, NETWORK, "train only the U-Net part");
        key("network_train_text_encoder_only", BOOL, false, NETWORK, "train only the text-encoder part");

        key("optimizer_type", STRING, "", OPTIMIZER, "optimizer (empty = AdamW)");
        key("optimizer_args", STRING_LIST, null, OPTIMIZER, "optimizer options, e.g. [\"weight_decay=0.1\"]");
        range("learning_rate", FLOAT, 2e-6, OPTIMIZER, 0.0, null, "base learning rate");
        range("unet_lr", FLOAT, null, OPTIMIZER, 0.0, null, "U-Net learning rate (default: learning_rate)");
        key("text_encoder_lr", FLOAT_LIST, null, OPTIMIZER, "text-encoder learning rate (default: learning_rate)");
        range("max_grad_norm", FLOAT, 1.0, OPTIMIZER, 0.0, null, "gradient clipping norm (0 = off)");

        choice("lr_scheduler", STRING, "constant", SCHEDULER, LR_SCHEDULERS, "learning-rate schedule");
        range("lr_warmup_steps", STEPS_OR_RATIO, 0L, SCHEDULER, 0.0, null, "warm-up steps, or a ratio below 1 of the total");
        range("lr_scheduler_num_cycles", INT, 1, SCHEDULER, 1.0, null, "restarts of cosine_with_restarts");
        range("lr_scheduler_power", FLOAT, 1.0, SCHEDULER, 0.0, null, "power of the polynomial schedule");

        range("noise_offset", FLOAT, null, NOISE, 0.0, null, "noise offset (0.05-0.1 typical)");
        range("adaptive_noise_scale", FLOAT, null, NOISE, null, null, "noise offset grows with the latent mean");
        range("multires_noise_iterations", INT, null, NOISE, 0.0, null, "pyramid noise iterations (6-10 typical)");
        range("multires_noise_discount", FLOAT, 0.3, NOISE, 0.0, 1.0, "pyramid noise discount");
        range("min_snr_gamma", FLOAT, null, NOISE, 0.0, null, "min-SNR loss weighting (5 typical)");

        range("train_batch_size", INT, 1, TRAINING, 1.0, null, "images per batch");
        range("gradient_accumulation_steps", INT, 1, TRAINING, 1.0, null, "batches per optimizer step");
        range("max_train_steps", INT, 1600, TRAINING, 1.0, null, "total optimizer steps");
        range("max_train_epochs", INT, null, TRAINING, 1.0, null, "epochs; overrides max_train_steps");
        range("seed", INT, null, TRAINING, 0.0, null, "random seed");
        choice("mixed_precision", STRING, "no", TRAINING, List.of("no", "fp16", "bf16"), "compute precision");
        range("clip_skip", INT, null, TRAINING, 1.0, 12.0, "use the text encoder's N-th last layer");
        choice("max_token_length", INT, null, TRAINING, List.of("150", "225"), "longer prompts (unset = 75)");
        key("gradient_checkpointing", BOOL, false, TRAINING, "trade speed for memory");
        key("xformers", BOOL, false, TRAINING, "xformers attention");
        key("sdpa", BOOL, false, TRAINING, "PyTorch scaled-dot-product attention");
        key("mem_eff_attn", BOOL, false, TRAINING, "memory-efficient attention (slow)");
        choice("attention", STRING, "sdpa", TRAINING, List.of("sdpa", "chunked"),
                "Danlu: fused SDPA (default where it loads) or the plain chunked path");

        key("output_dir", STRING, null, SAVING, "where LoRA files are written");
        key("output_name", STRING, null, SAVING, "LoRA file name without extension");
        choice("save_model_as", STRING, "safetensors", SAVING, List.of("safetensors", "ckpt", "pt"), "file format");
        choice("save_precision", STRING, null, SAVING, List.of("float", "fp16", "bf16"), "dtype of the saved weights");
        range("save_every_n_epochs", INT, null, SAVING, 1.0, null, "save every N epochs");
        range("save_every_n_steps", INT, null, SAVING, 1.0, null, "save every N steps");
        range("save_last_n_epochs", INT, null, SAVING, 1.0, null, "keep only the last N epoch saves");
        range("save_last_n_steps", INT, null, SAVING, 1.0, null, "keep only the saves of the last N steps");
        key("save_state", BOOL, false, SAVING, "also save resumable training state");
        key("resume", STRING, null, SAVING, "resume from this saved state folder");
        key("training_comment", STRING, null, SAVING, "comment stored in the LoRA metadata");

        range("sample_every_n_steps", INT, null, SAMPLES, 1.0, null, "sample images every N steps");
        range("sample_every_n_epochs", INT, null, SAMPLES, 1.0, null, "sample images every N epochs");
        key("sample_prompts", STRING, null, SAMPLES, "file with one sample prompt per line");
        choice("sample_sampler", STRING, "ddim", SAMPLES, SAMPLERS, "sampler for sample images");

        key("logging_dir", STRING, null, LOGGING, "TensorBoard log folder");
        key("log_prefix", STRING, null, LOGGING, "prefix of the TensorBoard run folder name");
        key("log_tracker_name", STRING, null, LOGGING, "TensorBoard run name (default network_train)");
    }

    private ConfigKeys() {
    }

    private static void key(String name, ConfigType type, Object def, ConfigGroup group, String help) {
        add(new ConfigKey(name, type, norm(def), group, null, null, List.of(), help));
    }

    private static void range(String name, ConfigType type, Object def, ConfigGroup group, Double min, Double max,
                              String help) {
        add(new ConfigKey(name, type, norm(def), group, min, max, List.of(), help));
    }

    private static void choice(String name, ConfigType type, Object def, ConfigGroup group, List<String> choices,
                               String help) {
        add(new ConfigKey(name, type, norm(def), group, null, null, choices, help));
    }

    /** Defaults are stored as the TOML reader produces values: Long for integers. */
    private static Object norm(Object def) {
        return def instanceof Integer i ? Long.valueOf(i) : def;
    }

    private static void add(ConfigKey k) {
        ALL.add(k);
        BY_NAME.put(k.name(), k);
    }

    /** Every known option, in catalogue (and Params screen) order. */
    public static List<ConfigKey> all() {
        return Collections.unmodifiableList(ALL);
    }

    /** The option called {@code name}, or null when Danlu does not know it. */
    public static ConfigKey find(String name) {
        return BY_NAME.get(name);
    }

    public static boolean isKnown(String name) {
        return BY_NAME.containsKey(name);
    }
}
