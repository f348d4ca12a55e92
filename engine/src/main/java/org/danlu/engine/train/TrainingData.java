package org.danlu.engine.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.danlu.engine.bucket.BucketInput;
import org.danlu.engine.bucket.BucketPlan;
import org.danlu.engine.bucket.BucketPlanner;
import org.danlu.engine.bucket.BucketSettings;
import org.danlu.engine.bucket.ImagePlan;
import org.danlu.engine.config.DatasetConfig;
import org.danlu.engine.config.FolderSubset;
import org.danlu.engine.config.TrainConfig;
import org.danlu.engine.dataset.DatasetFolder;
import org.danlu.engine.dataset.DatasetScan;
import org.danlu.engine.dataset.DatasetScanner;
import org.danlu.engine.dataset.ImageEntry;
import org.danlu.engine.dataset.ScanOptions;

/**
 * The images a run trains on and how they are bucketed: from {@code train_data_dir}/{@code reg_data_dir}
 * folders (kohya's DreamBooth method, folder names {@code N_class}) or from a {@code --dataset_config}; one
 * {@link BucketPlan} per dataset, as sd-scripts builds one bucket manager per dataset. Also what the LoRA
 * metadata records about the data (tag frequency, dataset dirs).
 *
 * @param datasets one entry per dataset: its plan and batch size, and its items' ids per plan key
 */
public record TrainingData(List<TrainItem> items, List<Part> datasets, boolean fromDatasetConfig,
                           Map<String, Map<String, Integer>> tagFrequency, Map<String, Subset> subsets) {

    /** One dataset: the bucket plan and the item ids by plan key (the image path). */
    public record Part(BucketPlan plan, Map<String, Integer> itemByKey) {
    }

    /** What {@code ss_dataset_dirs} records for one image folder. */
    public record Subset(String name, int repeats, int images, boolean reg) {
    }

    /** Scans and plans. {@code datasetConfig} null = the folder method from {@code cfg}. */
    public static TrainingData build(TrainConfig cfg, DatasetConfig datasetConfig, Consumer<String> warn) {
        boolean fromConfig = datasetConfig != null;
        DatasetConfig dc = fromConfig ? datasetConfig : DatasetConfig.fromFolders(cfg, folders(cfg, warn));
        ScanOptions scanOptions = ScanOptions.defaults().withCaptionExtension(
                String.valueOf(dc.lookup(0, -1, "caption_extension", cfg.captionExtension())));
        List<TrainItem> items = new ArrayList<>();
        List<Part> parts = new ArrayList<>();
        Map<String, Map<String, Integer>> tags = new LinkedHashMap<>();
        Map<String, Subset> subsets = new LinkedHashMap<>();
        for (int d = 0; d < dc.datasets().size(); d++) {
            BucketSettings settings = dc.bucketSettings(d, cfg);
            int batch = dc.batchSize(d, cfg);
            List<BucketInput> inputs = new ArrayList<>();
            List<Object[]> pending = new ArrayList<>(); // entry, subset options, reg, folder name, cache root, class tokens
            var subsetMaps = dc.datasets().get(d).subsets();
            for (int s = 0; s < subsetMaps.size(); s++) {
                Path dir = Path.of(String.valueOf(subsetMaps.get(s).get("image_dir")));
                int repeats = Math.toIntExact((Long) dc.lookup(d, s, "num_repeats", 1L));
                boolean reg = Boolean.TRUE.equals(dc.lookup(d, s, "is_reg", false));
                Object classTokens = dc.lookup(d, s, "class_tokens", null);
                SubsetOptions options = options(dc, d, s, cfg);
                DatasetScan scan = new DatasetScanner(scanOptions).scan(dir);
                if (scan.layout() == DatasetScan.Layout.NONE) {
                    throw new IllegalArgumentException(dir + ": cannot read this image folder ("
                            + scan.findings().get(0).message() + ")");
                }
                String name = dir.getFileName().toString();
                Map<String, Integer> folderTags = tags.computeIfAbsent(name, k -> new LinkedHashMap<>());
                List<ImageEntry> images = scan.images();
                for (ImageEntry e : images) {
                    inputs.add(new BucketInput(e.path().toString(), e.width(), e.height(), repeats, reg));
                    String base = CaptionProcessor.baseCaption(e.hasCaption() ? e.caption().text() : null,
                            classTokens == null ? null : classTokens.toString());
                    countTags(base, folderTags);
                    Path cacheRoot = fromConfig ? dir : dir.getParent();
                    pending.add(new Object[] {e, options, reg, name, cacheRoot, base});
                }
                subsets.putIfAbsent(name, new Subset(name, repeats, images.size(), reg));
            }
            BucketPlan plan = BucketPlanner.plan(settings, batch, inputs);
            plan.warnings().forEach(w -> warn.accept(w.message()));
            Map<String, Integer> byKey = new LinkedHashMap<>();
            for (int i = 0; i < plan.images().size(); i++) {
                ImagePlan ip = plan.images().get(i);
                Object[] p = pending.get(i);
                if (!ip.used()) {
                    continue;
                }
                ImageEntry e = (ImageEntry) p[0];
                boolean reg = (Boolean) p[2];
                float weight = reg ? (float) cfg.priorLossWeight() : 1f;
                TrainItem item = new TrainItem(items.size(), e.path(), e.orientation(), (String) p[5], (String) p[3],
                        reg, (SubsetOptions) p[1], ip.placement(), weight, (Path) p[4]);
                items.add(item);
                byKey.put(ip.input().key(), item.id());
            }
            parts.add(new Part(plan, byKey));
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException("no trainable images found: check train_data_dir (folders named N_class"
                    + " with images inside) or the image_dir entries of the dataset config");
        }
        return new TrainingData(List.copyOf(items), List.copyOf(parts), fromConfig, tags, subsets);
    }

    /** kohya's folder method: every {@code N_class} folder of train_data_dir, then of reg_data_dir as regularization. */
    private static List<FolderSubset> folders(TrainConfig cfg, Consumer<String> warn) {
        if (cfg.trainDataDir() == null) {
            throw new IllegalArgumentException("train_data_dir is not set: point it at the folder holding the N_class"
                    + " image folders, or pass --dataset_config");
        }
        List<FolderSubset> out = new ArrayList<>();
        addFolders(Path.of(cfg.trainDataDir()), false, out, warn);
        if (cfg.regDataDir() != null) {
            addFolders(Path.of(cfg.regDataDir()), true, out, warn);
        }
        return out;
    }

    private static void addFolders(Path root, boolean reg, List<FolderSubset> out, Consumer<String> warn) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException((reg ? "reg_data_dir " : "train_data_dir ") + root
                    + ": no such folder");
        }
        DatasetScan scan = new DatasetScanner(ScanOptions.defaults()).scan(root);
        for (DatasetFolder f : scan.folders()) {
            if (f.name() == null) {
                warn.accept(f.dir() + ": not named N_class, skipped as kohya does");
                continue;
            }
            out.add(new FolderSubset(f.dir(), f.repeats(), f.classTokens(), reg || f.reg()));
        }
    }

    private static SubsetOptions options(DatasetConfig dc, int d, int s, TrainConfig cfg) {
        CaptionSettings c = CaptionSettings.defaults()
                .withShuffle(bool(dc.lookup(d, s, "shuffle_caption", cfg.shuffleCaption())),
                        intOf(dc.lookup(d, s, "keep_tokens", (long) cfg.keepTokens())))
                .withSeparators(str(dc.lookup(d, s, "caption_separator", ",")),
                        str(dc.lookup(d, s, "keep_tokens_separator", cfg.keepTokensSeparator())),
                        str(dc.lookup(d, s, "secondary_separator", cfg.get("secondary_separator"))))
                .withAffixes(str(dc.lookup(d, s, "caption_prefix", cfg.captionPrefix())),
                        str(dc.lookup(d, s, "caption_suffix", cfg.captionSuffix())))
                .withDropout(num(dc.lookup(d, s, "caption_dropout_rate", cfg.captionDropoutRate())),
                        intOf(dc.lookup(d, s, "caption_dropout_every_n_epochs", (long) cfg.captionDropoutEveryNEpochs())),
                        num(dc.lookup(d, s, "caption_tag_dropout_rate", cfg.captionTagDropoutRate())))
                .withWildcard(bool(dc.lookup(d, s, "enable_wildcard", cfg.get("enable_wildcard"))))
                .withTokenWarmup(intOf(dc.lookup(d, s, "token_warmup_min", cfg.get("token_warmup_min") == null ? 1L : cfg.get("token_warmup_min"))),
                        num(dc.lookup(d, s, "token_warmup_step", cfg.get("token_warmup_step") == null ? 0.0 : cfg.get("token_warmup_step"))));
        Object interp = dc.lookup(d, s, "resize_interpolation", cfg.get("resize_interpolation"));
        return new SubsetOptions(c, bool(dc.lookup(d, s, "flip_aug", cfg.flipAug())),
                bool(dc.lookup(d, s, "random_crop", cfg.randomCrop())),
                interp == null ? null : ResizeInterpolation.parse(interp.toString()));
    }

    /** kohya's tag frequency: split on ",", strip, lower-case, skip empties; each image once (repeats ignored). */
    private static void countTags(String caption, Map<String, Integer> into) {
        for (String t : caption.split(",", -1)) {
            String tag = PythonText.strip(t).toLowerCase(Locale.ROOT);
            if (!tag.isEmpty()) {
                into.merge(tag, 1, Integer::sum);
            }
        }
    }

    private static boolean bool(Object o) {
        return o instanceof Boolean b && b;
    }

    private static int intOf(Object o) {
        return o == null ? 0 : Math.toIntExact(((Number) o).longValue());
    }

    private static double num(Object o) {
        return o == null ? 0 : ((Number) o).doubleValue();
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
