package org.danlu.engine.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.danlu.engine.bucket.Resolution;

/**
 * kohya's {@code --dataset_config}: {@code [general]} defaults, then datasets (each its own
 * resolution, batch size and buckets), each with subsets (one image folder each). Values are held
 * as the TOML reader gives them, in file order.
 */
public record DatasetConfig(Map<String, Object> general, List<Dataset> datasets) {

    /** One {@code [[datasets]]} table: its own options and its {@code [[datasets.subsets]]}. */
    public record Dataset(Map<String, Object> options, List<Map<String, Object>> subsets) {
        public Dataset {
            options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
            subsets = subsets.stream().map(s -> java.util.Collections.unmodifiableMap(new LinkedHashMap<>(s))).toList();
        }
    }

    public DatasetConfig {
        general = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(general));
        datasets = List.copyOf(datasets);
    }

    /** Options allowed in [general] and [[datasets]] (dataset level). */
    public static final List<String> DATASET_KEYS = List.of("batch_size", "resolution", "enable_bucket",
            "min_bucket_reso", "max_bucket_reso", "bucket_reso_steps", "bucket_no_upscale", "network_multiplier",
            "validation_split", "validation_seed", "resize_interpolation");

    /** Options allowed at every level (subset level). */
    public static final List<String> SUBSET_KEYS = List.of("num_repeats", "shuffle_caption", "caption_separator",
            "keep_tokens", "keep_tokens_separator", "secondary_separator", "enable_wildcard", "caption_prefix",
            "caption_suffix", "color_aug", "flip_aug", "random_crop", "face_crop_aug_range", "token_warmup_min",
            "token_warmup_step", "custom_attributes", "resize_interpolation", "caption_dropout_rate",
            "caption_dropout_every_n_epochs", "caption_tag_dropout_rate", "caption_extension", "class_tokens",
            "cache_info");

    /** Options allowed only in [[datasets.subsets]]. */
    public static final List<String> SUBSET_ONLY_KEYS = List.of("image_dir", "is_reg", "alpha_mask", "metadata_file");

    /** Subset-level options taken over from a --config_file when writing a dataset config. */
    private static final List<String> FROM_TRAIN_CONFIG = List.of("shuffle_caption", "keep_tokens",
            "keep_tokens_separator", "caption_prefix", "caption_suffix", "color_aug", "flip_aug", "random_crop",
            "caption_dropout_rate", "caption_dropout_every_n_epochs", "caption_tag_dropout_rate");

    /**
     * The dataset config for a folder dataset: {@code [general]} carries the dataset and caption
     * options of {@code cfg} ({@code caption_extension} always explicit, kohya's default {@code .caption}
     * otherwise), one dataset holds every folder with its {@code num_repeats} and {@code class_tokens}.
     */
    public static DatasetConfig fromFolders(TrainConfig cfg, List<FolderSubset> folders) {
        Map<String, Object> general = new LinkedHashMap<>();
        Resolution r = cfg.resolution();
        if (r != null) {
            // kohya's dataset schema takes an int or [w, h] here (not the string of --resolution).
            general.put("resolution", r.width() == r.height() ? (Object) (long) r.width() : List.of((long) r.width(), (long) r.height()));
        }
        general.put("batch_size", (long) cfg.trainBatchSize());
        general.put("enable_bucket", cfg.enableBucket());
        if (cfg.enableBucket()) {
            general.put("min_bucket_reso", (long) cfg.minBucketReso());
            general.put("max_bucket_reso", (long) cfg.maxBucketReso());
            general.put("bucket_reso_steps", (long) cfg.bucketResoSteps());
            general.put("bucket_no_upscale", cfg.bucketNoUpscale());
        }
        general.put("caption_extension", cfg.captionExtension());
        for (String k : FROM_TRAIN_CONFIG) {
            if (cfg.isSet(k)) {
                general.put(k, cfg.get(k));
            }
        }
        List<Map<String, Object>> subsets = folders.stream().map(f -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("image_dir", f.imageDir().toString());
            s.put("num_repeats", (long) f.numRepeats());
            s.put("class_tokens", f.classTokens());
            if (f.reg()) {
                s.put("is_reg", true);
            }
            return s;
        }).toList();
        return new DatasetConfig(general, List.of(new Dataset(Map.of(), subsets)));
    }

    /**
     * The bucket settings of dataset {@code i}: each option from the dataset, then [general], then
     * the --config_file ({@code cfg}), then kohya's default. A dataset-config resolution is an
     * integer or [w, h].
     */
    public org.danlu.engine.bucket.BucketSettings bucketSettings(int i, TrainConfig cfg) {
        Object r = lookup(i, -1, "resolution", null);
        Resolution res;
        if (r instanceof Long side) {
            res = Resolution.square(Math.toIntExact(side));
        } else if (r instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Long w && l.get(1) instanceof Long h) {
            res = new Resolution(Math.toIntExact(w), Math.toIntExact(h));
        } else if (r == null && cfg.resolution() != null) {
            res = cfg.resolution();
        } else {
            throw new IllegalArgumentException("datasets[" + i + "].resolution " + r
                    + " must be an integer or [width, height] (or set resolution in the --config_file)");
        }
        return new org.danlu.engine.bucket.BucketSettings(res,
                (Boolean) lookup(i, -1, "enable_bucket", cfg.enableBucket()),
                intOf(lookup(i, -1, "min_bucket_reso", (long) cfg.minBucketReso())),
                intOf(lookup(i, -1, "max_bucket_reso", (long) cfg.maxBucketReso())),
                intOf(lookup(i, -1, "bucket_reso_steps", (long) cfg.bucketResoSteps())),
                (Boolean) lookup(i, -1, "bucket_no_upscale", cfg.bucketNoUpscale()));
    }

    /** {@code batch_size} of dataset {@code i} (kohya: dataset, [general], then train_batch_size). */
    public int batchSize(int i, TrainConfig cfg) {
        return intOf(lookup(i, -1, "batch_size", (long) cfg.trainBatchSize()));
    }

    private static int intOf(Object v) {
        if (v instanceof Long l) {
            return Math.toIntExact(l);
        }
        throw new IllegalArgumentException("expected an integer, got " + v);
    }

    /**
     * The value of {@code key} for a subset: subset, then its dataset, then [general], then
     * {@code fallback} (kohya's lookup order; the --config_file comes last).
     */
    public Object lookup(int dataset, int subset, String key, Object fallback) {
        Dataset d = datasets.get(dataset);
        if (subset >= 0 && d.subsets().get(subset).containsKey(key)) {
            return d.subsets().get(subset).get(key);
        }
        if (d.options().containsKey(key)) {
            return d.options().get(key);
        }
        return general.getOrDefault(key, fallback);
    }
}
