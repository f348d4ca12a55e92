package org.danlu.engine.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.danlu.engine.bucket.BucketSettings;
import org.danlu.engine.bucket.Resolution;

/**
 * Checks a configuration the way sd-scripts would react to it, before any GPU minute is spent.
 * Errors: kohya stops, or trains something else than meant. Warnings: legal but probably unwanted.
 * Every issue names the key and, for a file, its line and column.
 */
public final class ConfigValidator {

    private final String source;
    private final Function<String, KeyLocation> where;
    private final List<ConfigIssue> issues = new ArrayList<>();

    private ConfigValidator(String source, Function<String, KeyLocation> where) {
        this.source = source;
        this.where = where;
    }

    /** Validates a file: its syntax errors first, then its values (paths relative to {@code baseDir}). */
    public static List<ConfigIssue> validate(ConfigFile file, Path baseDir) {
        List<ConfigIssue> out = new ArrayList<>(file.syntaxErrors());
        out.addAll(validate(file.config(), file.source(), file::locationOf, baseDir));
        return List.copyOf(out);
    }

    /**
     * Validates values.
     *
     * @param source  file name for messages, or null
     * @param where   where each key is written (may return null)
     * @param baseDir directory relative paths are resolved against (the working directory, as kohya does)
     */
    public static List<ConfigIssue> validate(TrainConfig cfg, String source, Function<String, KeyLocation> where,
                                             Path baseDir) {
        ConfigValidator v = new ConfigValidator(source, where);
        v.run(cfg, baseDir);
        // Errors first, then warnings; each in file order, findings without a line last.
        List<ConfigIssue> sorted = new ArrayList<>(v.issues);
        sorted.sort(java.util.Comparator.comparing(ConfigIssue::severity)
                .thenComparingInt(i -> i.line() == 0 ? Integer.MAX_VALUE : i.line()));
        return List.copyOf(sorted);
    }

    private void error(String key, String message) {
        issues.add(ConfigIssue.error(source, key == null ? null : where.apply(key), key, message));
    }

    private void warning(String key, String message) {
        issues.add(ConfigIssue.warning(source, key == null ? null : where.apply(key), key, message));
    }

    private void run(TrainConfig cfg, Path baseDir) {
        boolean typesOk = true;
        for (Map.Entry<String, Object> e : cfg.entries().entrySet()) {
            ConfigKey k = ConfigKeys.find(e.getKey());
            if (k == null) {
                String near = nearest(e.getKey());
                warning(e.getKey(), "not an option Danlu knows; kept as is and passed on to kohya"
                        + (near == null ? "" : " (did you mean " + near + "?)"));
            } else if (!checkType(k, e.getValue())) {
                typesOk = false;
            } else {
                checkRange(k, e.getValue());
            }
        }
        if (!typesOk) {
            return; // cross-checks would trip over the wrong types reported above
        }
        checkRequired(cfg, baseDir);
        checkCombinations(cfg);
        checkBuckets(cfg);
    }

    private boolean checkType(ConfigKey k, Object v) {
        boolean ok = switch (k.type()) {
            case BOOL -> v instanceof Boolean;
            case INT -> v instanceof Long;
            case FLOAT -> v instanceof Long || v instanceof Double;
            case STRING -> v instanceof String;
            case RESOLUTION -> v instanceof String;
            case STEPS_OR_RATIO -> v instanceof Long || v instanceof Double;
            case STRING_LIST -> v instanceof List<?> l && l.stream().allMatch(o -> o instanceof String);
            case FLOAT_LIST -> v instanceof Long || v instanceof Double
                    || v instanceof List<?> l && l.stream().allMatch(o -> o instanceof Number);
        };
        if (!ok) {
            String fix = switch (k.type()) {
                case RESOLUTION -> ": write " + k.name() + " = \"" + v + "\" (kohya breaks on an integer)";
                case STRING_LIST -> v instanceof String s ? ": write " + k.name() + " = [" + TomlValues.quote(s) + "]" : "";
                case INT -> v instanceof Double d && d == Math.rint(d) ? ": write " + k.name() + " = " + d.longValue() : "";
                case BOOL -> v instanceof String s ? ": write " + k.name() + " = " + s.trim().toLowerCase() + " (no quotes)" : "";
                default -> "";
            };
            error(k.name(), "value " + TomlValues.format(v) + " must be " + k.type().description() + fix);
        }
        return ok;
    }

    private void checkRange(ConfigKey k, Object v) {
        if (v instanceof Number n && !(k.name().equals("max_token_length"))) {
            double d = n.doubleValue();
            if (k.min() != null && d < k.min() || k.max() != null && d > k.max()) {
                error(k.name(), "value " + TomlValues.format(v) + " is out of range: allowed " + k.rangeText());
            }
        }
        if (!k.choices().isEmpty()) {
            String s = String.valueOf(v);
            if (k.choices().contains(s)) {
                return;
            }
            if (k.name().equals("network_module")) {
                warning(k.name(), "\"" + s + "\": Danlu trains networks.lora only; kohya would load this module instead");
            } else if (k.name().equals("lr_scheduler")) {
                error(k.name(), "unknown lr_scheduler \"" + s + "\": use one of " + String.join(", ", k.choices()));
            } else {
                error(k.name(), "value " + TomlValues.format(v) + " is not allowed: use one of " + String.join(", ", k.choices())
                        + (k.defaultValue() == null ? " (or leave it unset)" : ""));
            }
        }
        if (k.name().equals("lr_warmup_steps") && v instanceof Double d && d >= 1 && d != Math.rint(d)) {
            error(k.name(), "value " + d + " must be an integer number of steps, or a ratio below 1");
        }
        if (k.name().equals("optimizer_type") && !((String) v).isEmpty() && !((String) v).contains(".")
                && ConfigKeys.OPTIMIZERS.stream().noneMatch(o -> o.equalsIgnoreCase((String) v))) {
            warning(k.name(), "\"" + v + "\" is not one of kohya's optimizers (" + String.join(", ", ConfigKeys.OPTIMIZERS)
                    + "); kohya will look for a torch.optim class of that name");
        }
    }

    private void checkRequired(TrainConfig cfg, Path baseDir) {
        if (cfg.pretrainedModelNameOrPath() == null) {
            error("pretrained_model_name_or_path", "not set: name the base model (a .safetensors file or a diffusers folder)");
        }
        if (cfg.datasetConfig() == null) {
            if (cfg.trainDataDir() == null) {
                error("train_data_dir", "not set: give the parent folder of the N_name image folders (or a dataset_config)");
            } else {
                checkDir(baseDir, "train_data_dir", cfg.trainDataDir());
            }
            if (!cfg.isSet("resolution")) {
                error("resolution", "not set: kohya requires it, e.g. resolution = \"512\"");
            }
        } else {
            checkDir(baseDir, "dataset_config", cfg.datasetConfig());
        }
        if (cfg.regDataDir() != null) {
            checkDir(baseDir, "reg_data_dir", cfg.regDataDir());
        }
    }

    private void checkDir(Path baseDir, String key, String value) {
        Path p = baseDir == null ? Path.of(value) : baseDir.resolve(value);
        if (!Files.exists(p)) {
            boolean windows = value.matches("^[A-Za-z]:[\\\\/].*");
            error(key, "\"" + value + "\" does not exist" + (windows
                    ? " (a Windows path: this config comes from another machine; set " + key + " to the folder here)"
                    : baseDir == null ? "" : " (looked at " + p.toAbsolutePath().normalize() + ")"));
        }
    }

    private void checkCombinations(TrainConfig cfg) {
        if (cfg.isSet("network_alpha") && cfg.networkAlpha() > cfg.networkDim()) {
            warning("network_alpha", "network_alpha " + TomlValues.format(cfg.get("network_alpha"))
                    + " is greater than network_dim " + cfg.networkDim() + ": the LoRA output is scaled up by alpha/dim = "
                    + (cfg.networkAlpha() / cfg.networkDim()) + " (usually alpha <= dim)");
        }
        if (cfg.cacheLatents() || cfg.cacheLatentsToDisk()) {
            String cache = cfg.cacheLatents() ? "cache_latents" : "cache_latents_to_disk";
            if (cfg.colorAug()) {
                error("color_aug", "cannot be used with " + cache + " (kohya stops: cached latents cannot be re-augmented): turn one off");
            }
            if (cfg.randomCrop()) {
                error("random_crop", "cannot be used with " + cache + " (kohya stops: cached latents cannot be re-cropped): turn one off");
            }
        }
        if ("constant".equals(cfg.lrScheduler()) && cfg.lrWarmupSteps().doubleValue() > 0) {
            error("lr_warmup_steps", "lr_scheduler \"constant\" does not take warm-up steps: set lr_warmup_steps = 0"
                    + " or use lr_scheduler = \"constant_with_warmup\"");
        }
        if (cfg.isSet("max_train_epochs") && cfg.isSet("max_train_steps")) {
            warning("max_train_steps", "ignored: max_train_epochs " + cfg.maxTrainEpochs() + " sets the total steps");
        }
        if (cfg.networkTrainUnetOnly() && cfg.networkTrainTextEncoderOnly()) {
            error("network_train_text_encoder_only", "cannot be set together with network_train_unet_only: nothing would be trained");
        }
        if (cfg.vParameterization() && !cfg.v2()) {
            warning("v_parameterization", "set without v2: only SD 2.x 768 models use v-prediction");
        }
        if ((cfg.sampleEveryNSteps() != null || cfg.sampleEveryNEpochs() != null) && cfg.samplePrompts() == null) {
            warning(cfg.sampleEveryNSteps() != null ? "sample_every_n_steps" : "sample_every_n_epochs",
                    "set without sample_prompts: no sample images will be made");
        }
        if (cfg.learningRate() == 0 && cfg.unetLr() == null && cfg.textEncoderLr().isEmpty()) {
            warning("learning_rate", "is 0: nothing will be learned");
        }
    }

    private void checkBuckets(TrainConfig cfg) {
        Resolution r;
        try {
            r = cfg.resolution();
        } catch (IllegalArgumentException e) {
            error("resolution", e.getMessage());
            return;
        }
        if (r == null) {
            return;
        }
        String key = cfg.isSet("min_bucket_reso") ? "min_bucket_reso" : cfg.isSet("max_bucket_reso") ? "max_bucket_reso" : "enable_bucket";
        try {
            BucketSettings.Prepared p = cfg.bucketSettings(r).prepare();
            for (String w : p.warnings()) {
                if (!w.startsWith("bucket_reso_steps")) {
                    warning(key, w);
                }
            }
        } catch (IllegalArgumentException e) {
            error(key, e.getMessage());
        }
        if (cfg.enableBucket() && cfg.bucketResoSteps() % 64 != 0) {
            error("bucket_reso_steps", "value " + cfg.bucketResoSteps() + " must be a multiple of 64 for SD1/SD2"
                    + " (kohya's train_network.py stops on it): use 64");
        }
    }

    /** The known option within two edits of {@code key}, for "did you mean". */
    private static String nearest(String key) {
        String best = null;
        int bestD = 3;
        for (ConfigKey k : ConfigKeys.all()) {
            int d = distance(key, k.name());
            if (d < bestD) {
                bestD = d;
                best = k.name();
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
