package org.danlu.engine.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.danlu.engine.bucket.BucketSettings;
import org.danlu.engine.bucket.Resolution;

/**
 * The training configuration: the options a file set, in file order, with kohya's names; known
 * options read through typed accessors that fall back to sd-scripts' defaults; unknown options kept
 * as they are (and reported by the validator) so that nothing is dropped on save.
 *
 * <p>Values are held as the TOML reader gives them: {@code Boolean}, {@code Long}, {@code Double},
 * {@code String}, {@code List<Object>}. Immutable: {@link #with} and {@link #without} return copies.
 */
public final class TrainConfig {

    private static final TrainConfig EMPTY = new TrainConfig(new LinkedHashMap<>());

    private final Map<String, Object> values;

    private TrainConfig(LinkedHashMap<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** A configuration with nothing set: every option at sd-scripts' default. */
    public static TrainConfig defaults() {
        return EMPTY;
    }

    /** A configuration holding these entries in this order (null values are dropped). */
    public static TrainConfig of(Map<String, ?> entries) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        entries.forEach((k, v) -> {
            if (v != null) {
                m.put(k, normalize(v));
            }
        });
        return new TrainConfig(m);
    }

    /** Integers become Long, floats Double, lists immutable lists, as a TOML reader gives them. */
    static Object normalize(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(normalize(o));
            }
            return Collections.unmodifiableList(out);
        }
        return v;
    }

    /** The entries set explicitly, in order (known and unknown keys). */
    public Map<String, Object> entries() {
        return values;
    }

    /** Keys set that Danlu does not know, in order. */
    public List<String> unknownKeys() {
        return values.keySet().stream().filter(k -> !ConfigKeys.isKnown(k)).toList();
    }

    public boolean isSet(String key) {
        return values.containsKey(key);
    }

    /** The value set for {@code key}, else its kohya default (null when unset without default). */
    public Object get(String key) {
        if (values.containsKey(key)) {
            return values.get(key);
        }
        ConfigKey k = ConfigKeys.find(key);
        return k == null ? null : k.defaultValue();
    }

    /** A copy with {@code key} set (appended at the end when new, in place when present). */
    public TrainConfig with(String key, Object value) {
        if (value == null) {
            return without(key);
        }
        LinkedHashMap<String, Object> m = new LinkedHashMap<>(values);
        m.put(key, normalize(value));
        return new TrainConfig(m);
    }

    /** A copy with {@code key} unset. */
    public TrainConfig without(String key) {
        if (!values.containsKey(key)) {
            return this;
        }
        LinkedHashMap<String, Object> m = new LinkedHashMap<>(values);
        m.remove(key);
        return new TrainConfig(m);
    }

    // ---- typed reads (throw IllegalStateException naming the key when the type is wrong) ----

    public String string(String key) {
        Object v = get(key);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw wrongType(key, v);
    }

    public Long integer(String key) {
        Object v = get(key);
        if (v == null || v instanceof Long) {
            return (Long) v;
        }
        throw wrongType(key, v);
    }

    public Double number(String key) {
        Object v = get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw wrongType(key, v);
    }

    public boolean flag(String key) {
        Object v = get(key);
        if (v instanceof Boolean b) {
            return b;
        }
        if (v == null) {
            return false;
        }
        throw wrongType(key, v);
    }

    /** A list option as strings (a single string counts as a one-element list). */
    public List<String> strings(String key) {
        Object v = get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        if (v instanceof String s) {
            return List.of(s);
        }
        throw wrongType(key, v);
    }

    private static IllegalStateException wrongType(String key, Object v) {
        ConfigKey k = ConfigKeys.find(key);
        return new IllegalStateException(key + " = " + v + " must be " + (k == null ? "another type" : k.type().description()));
    }

    private int intOr(String key, int fallback) {
        Long v = integer(key);
        return v == null ? fallback : Math.toIntExact(v);
    }

    private Integer intOrNull(String key) {
        Long v = integer(key);
        return v == null ? null : Math.toIntExact(v);
    }

    // ---- model ----
    public String pretrainedModelNameOrPath() { return string("pretrained_model_name_or_path"); }
    public boolean v2() { return flag("v2"); }
    public boolean vParameterization() { return flag("v_parameterization"); }

    // ---- dataset ----
    public String trainDataDir() { return string("train_data_dir"); }
    public String regDataDir() { return string("reg_data_dir"); }
    public String datasetConfig() { return string("dataset_config"); }

    /** {@code resolution}, or null when unset (kohya requires it). */
    public Resolution resolution() {
        String r = string("resolution");
        return r == null ? null : Resolution.parse(r);
    }

    public boolean enableBucket() { return flag("enable_bucket"); }
    public int minBucketReso() { return intOr("min_bucket_reso", BucketSettings.DEFAULT_MIN); }
    public int maxBucketReso() { return intOr("max_bucket_reso", BucketSettings.DEFAULT_MAX); }
    public int bucketResoSteps() { return intOr("bucket_reso_steps", BucketSettings.DEFAULT_STEPS); }
    public boolean bucketNoUpscale() { return flag("bucket_no_upscale"); }

    /** The bucket settings a training run with this configuration uses; {@code fallback} when resolution is unset. */
    public BucketSettings bucketSettings(Resolution fallback) {
        Resolution r = resolution();
        return new BucketSettings(r == null ? fallback : r, enableBucket(), minBucketReso(), maxBucketReso(),
                bucketResoSteps(), bucketNoUpscale());
    }

    /** caption_extension with the leading dot kohya adds ({@code txt} → {@code .txt}). */
    public String captionExtension() {
        String e = string("caption_extension");
        return e == null || e.isEmpty() || e.startsWith(".") ? e : "." + e;
    }

    public boolean shuffleCaption() { return flag("shuffle_caption"); }
    public boolean weightedCaptions() { return flag("weighted_captions"); }
    public int keepTokens() { return intOr("keep_tokens", 0); }
    public String keepTokensSeparator() { return string("keep_tokens_separator"); }
    public double captionDropoutRate() { return number("caption_dropout_rate"); }
    public int captionDropoutEveryNEpochs() { return intOr("caption_dropout_every_n_epochs", 0); }
    public double captionTagDropoutRate() { return number("caption_tag_dropout_rate"); }
    public String captionPrefix() { return string("caption_prefix"); }
    public String captionSuffix() { return string("caption_suffix"); }
    public boolean flipAug() { return flag("flip_aug"); }
    public boolean colorAug() { return flag("color_aug"); }
    public boolean randomCrop() { return flag("random_crop"); }
    public boolean cacheLatents() { return flag("cache_latents"); }
    public boolean cacheLatentsToDisk() { return flag("cache_latents_to_disk"); }
    public double priorLossWeight() { return number("prior_loss_weight"); }

    // ---- network ----
    public String networkModule() { return string("network_module"); }

    /** network_dim, or lora.py's default 4 when unset. */
    public int networkDim() { return intOr("network_dim", 4); }

    /** network_alpha, or lora.py's default 1 when unset. */
    public double networkAlpha() {
        Double a = number("network_alpha");
        return a == null ? 1.0 : a;
    }

    public Double networkDropout() { return number("network_dropout"); }
    public List<String> networkArgs() { return strings("network_args"); }

    /** {@code conv_dim} from network_args (kohya reads it there), or null when absent. */
    public Integer convDim() {
        String v = NetworkArgs.get(networkArgs(), "conv_dim");
        return v == null ? null : Integer.valueOf(v.trim());
    }

    /** {@code conv_alpha} from network_args, or null when absent. */
    public Double convAlpha() {
        String v = NetworkArgs.get(networkArgs(), "conv_alpha");
        return v == null ? null : Double.valueOf(v.trim());
    }

    public String networkWeights() { return string("network_weights"); }
    public boolean networkTrainUnetOnly() { return flag("network_train_unet_only"); }
    public boolean networkTrainTextEncoderOnly() { return flag("network_train_text_encoder_only"); }

    // ---- optimizer and schedule ----
    /** optimizer_type, "AdamW" when empty (sd-scripts' default). */
    public String optimizerType() {
        String t = string("optimizer_type");
        return t == null || t.isEmpty() ? "AdamW" : t;
    }

    public List<String> optimizerArgs() { return strings("optimizer_args"); }
    public double learningRate() { return number("learning_rate"); }
    public Double unetLr() { return number("unet_lr"); }

    /** text_encoder_lr as a list (a scalar counts as one value); empty when unset. */
    public List<Double> textEncoderLr() {
        Object v = get("text_encoder_lr");
        if (v == null) {
            return List.of();
        }
        if (v instanceof Number n) {
            return List.of(n.doubleValue());
        }
        if (v instanceof List<?> l && l.stream().allMatch(o -> o instanceof Number)) {
            return l.stream().map(o -> ((Number) o).doubleValue()).toList();
        }
        throw wrongType("text_encoder_lr", v);
    }

    public double maxGradNorm() { return number("max_grad_norm"); }
    public String lrScheduler() { return string("lr_scheduler"); }

    /** lr_warmup_steps as set: a Long (steps) or a Double (ratio when below 1). */
    public Number lrWarmupSteps() {
        Object v = get("lr_warmup_steps");
        if (v instanceof Number n) {
            return n;
        }
        throw wrongType("lr_warmup_steps", v);
    }

    public int lrSchedulerNumCycles() { return intOr("lr_scheduler_num_cycles", 1); }
    public double lrSchedulerPower() { return number("lr_scheduler_power"); }

    // ---- noise ----
    public Double noiseOffset() { return number("noise_offset"); }
    public Double adaptiveNoiseScale() { return number("adaptive_noise_scale"); }
    public Integer multiresNoiseIterations() { return intOrNull("multires_noise_iterations"); }
    public double multiresNoiseDiscount() { return number("multires_noise_discount"); }
    public Double minSnrGamma() { return number("min_snr_gamma"); }

    // ---- training ----
    public int trainBatchSize() { return intOr("train_batch_size", 1); }
    public int gradientAccumulationSteps() { return intOr("gradient_accumulation_steps", 1); }
    public int maxTrainSteps() { return intOr("max_train_steps", 1600); }
    public Integer maxTrainEpochs() { return intOrNull("max_train_epochs"); }
    public Long seed() { return integer("seed"); }
    public String mixedPrecision() { return string("mixed_precision"); }
    public Integer clipSkip() { return intOrNull("clip_skip"); }

    /** max_token_length, 75 when unset. */
    public int maxTokenLength() { return intOr("max_token_length", 75); }

    public boolean gradientCheckpointing() { return flag("gradient_checkpointing"); }
    public boolean xformers() { return flag("xformers"); }
    public boolean sdpa() { return flag("sdpa"); }

    // ---- saving, samples, logging ----
    public String outputDir() { return string("output_dir"); }
    public String outputName() { return string("output_name"); }
    public String saveModelAs() { return string("save_model_as"); }
    public String savePrecision() { return string("save_precision"); }
    public Integer saveEveryNEpochs() { return intOrNull("save_every_n_epochs"); }
    public Integer saveEveryNSteps() { return intOrNull("save_every_n_steps"); }
    public Integer saveLastNEpochs() { return intOrNull("save_last_n_epochs"); }
    public Integer saveLastNSteps() { return intOrNull("save_last_n_steps"); }
    public boolean saveState() { return flag("save_state"); }
    public String resume() { return string("resume"); }
    public String trainingComment() { return string("training_comment"); }
    public Integer sampleEveryNSteps() { return intOrNull("sample_every_n_steps"); }
    public Integer sampleEveryNEpochs() { return intOrNull("sample_every_n_epochs"); }
    public String samplePrompts() { return string("sample_prompts"); }
    public String sampleSampler() { return string("sample_sampler"); }
    public String loggingDir() { return string("logging_dir"); }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainConfig t && t.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "TrainConfig" + values;
    }
}
