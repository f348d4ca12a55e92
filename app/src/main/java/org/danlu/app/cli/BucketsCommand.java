package org.danlu.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.danlu.engine.bucket.BucketInput;
import org.danlu.engine.bucket.BucketPlan;
import org.danlu.engine.bucket.BucketPlanner;
import org.danlu.engine.bucket.BucketSettings;
import org.danlu.engine.bucket.Resolution;
import org.danlu.engine.bucket.RunPlan;
import org.danlu.engine.bucket.ScanInputs;
import org.danlu.engine.bucket.StepPlan;
import org.danlu.engine.config.ConfigFile;
import org.danlu.engine.config.ConfigFileReader;
import org.danlu.engine.config.ConfigIssue;
import org.danlu.engine.config.DatasetConfig;
import org.danlu.engine.config.DatasetConfigToml;
import org.danlu.engine.config.TrainConfig;
import org.danlu.engine.dataset.DatasetScan;
import org.danlu.engine.dataset.DatasetScanner;
import org.danlu.engine.dataset.ScanOptions;
import org.danlu.engine.dataset.Severity;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code danlu buckets DIR}: kohya's bucket table, totals, steps and warnings for a dataset. */
@Command(name = "buckets", mixinStandardHelpOptions = true,
        description = {"Show how kohya sd-scripts buckets a dataset and how many steps a run takes.",
            "Without --config, bucketing is on (512, 256..1024, steps 64, batch 1); with --config, the file's",
            "options apply (kohya's defaults where unset) and the options below override them."})
final class BucketsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
            description = "dataset root (N_name folders, or train/ and reg/); default: the config's train_data_dir")
    Path dir;

    @Option(names = "--resolution", paramLabel = "W[,H]", description = "training resolution, e.g. 512 or 768,512")
    String resolution;

    @Option(names = "--min", paramLabel = "PX", description = "min_bucket_reso (kohya: 256)")
    Integer min;

    @Option(names = "--max", paramLabel = "PX", description = "max_bucket_reso (kohya: 1024)")
    Integer max;

    @Option(names = "--steps", paramLabel = "PX", description = "bucket_reso_steps (kohya: 64)")
    Integer steps;

    @Option(names = "--no-upscale", description = "bucket_no_upscale: buckets from the image sizes, never enlarged")
    boolean noUpscale;

    @Option(names = "--no-bucket", description = "bucketing off: every image to the single resolution")
    boolean noBucket;

    @Option(names = "--batch", paramLabel = "N", description = "train_batch_size")
    Integer batch;

    @Option(names = "--accum", paramLabel = "N", description = "gradient_accumulation_steps")
    Integer accum;

    @Option(names = "--epochs", paramLabel = "N", description = "max_train_epochs (overrides --max-steps)")
    Integer epochs;

    @Option(names = "--max-steps", paramLabel = "N", description = "max_train_steps (kohya: 1600)")
    Integer maxSteps;

    @Option(names = "--config", paramLabel = "FILE", description = "a kohya --config_file TOML: the plan shown is the plan trained")
    Path config;

    @Option(names = "--json", description = "print the plan as JSON (format in the README)")
    boolean json;

    @Override
    public Integer call() throws Exception {
        TrainConfig cfg = TrainConfig.defaults();
        if (config != null) {
            ConfigFile f = ConfigFileReader.read(config);
            if (!f.syntaxErrors().isEmpty()) {
                throw new IllegalArgumentException(f.syntaxErrors().get(0).toString());
            }
            cfg = f.config();
        }
        if (dir == null && cfg.datasetConfig() != null) {
            return planDatasetConfig(cfg);
        }
        Path root = dir != null ? dir : cfg.trainDataDir() == null ? null : Path.of(cfg.trainDataDir());
        if (root == null) {
            throw new IllegalArgumentException("give a dataset folder (danlu buckets DIR), or a --config with train_data_dir");
        }
        DatasetScan trainScan = scan(root, cfg);
        List<BucketInput> inputs = new ArrayList<>(ScanInputs.of(trainScan));
        if (dir == null && cfg.regDataDir() != null) {
            inputs.addAll(ScanInputs.reg(scan(Path.of(cfg.regDataDir()), cfg)));
        }
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException(root + ": no images found; the folder must hold N_name image folders"
                    + " (e.g. 10_dog/) or train/ and reg/");
        }
        BucketPlan plan = BucketPlanner.plan(settings(cfg), batch != null ? batch : cfg.trainBatchSize(), inputs);
        RunPlan run = new RunPlan(plan, steps(cfg, List.of(plan)));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(BucketPlanJson.toJson(trainScan.root().toString(), run));
        } else {
            BucketPlanText.print(out, "buckets for " + root + (config == null ? "" : " with " + config), trainScan.root().toString(), run);
        }
        out.flush();
        return 0;
    }

    /**
     * kohya with {@code dataset_config}: train_data_dir is ignored, each [[datasets]] is bucketed with
     * its own settings and batch size, each subset's image_dir holds the images directly, with its
     * num_repeats (folder names are not parsed); the batches of all datasets make one epoch.
     */
    private int planDatasetConfig(TrainConfig cfg) throws Exception {
        Path file = Path.of(cfg.datasetConfig());
        DatasetConfigToml.Read read = DatasetConfigToml.parse(Files.readString(file), file.toString());
        List<ConfigIssue> errors = read.issues().stream().filter(ConfigIssue::isError).toList();
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(errors.get(0).toString());
        }
        DatasetConfig dc = read.config();
        List<BucketPlan> plans = new ArrayList<>();
        List<String> roots = new ArrayList<>();
        for (int i = 0; i < dc.datasets().size(); i++) {
            List<BucketInput> inputs = new ArrayList<>();
            List<Map<String, Object>> subsets = dc.datasets().get(i).subsets();
            for (int j = 0; j < subsets.size(); j++) {
                Path imageDir = Path.of(String.valueOf(subsets.get(j).get("image_dir")));
                int repeats = Math.toIntExact((Long) dc.lookup(i, j, "num_repeats", 1L));
                boolean reg = Boolean.TRUE.equals(dc.lookup(i, j, "is_reg", false));
                DatasetScan scan = scan(imageDir, cfg);
                inputs.addAll(ScanInputs.directlyIn(scan, imageDir, repeats, reg));
            }
            BucketSettings settings = dc.bucketSettings(i, cfg);
            plans.add(BucketPlanner.plan(override(settings), batch != null ? batch : dc.batchSize(i, cfg), inputs));
            roots.add(file + " datasets[" + i + "]");
        }
        StepPlan steps = steps(cfg, plans);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(BucketPlanJson.toJson(roots, plans, steps));
        } else {
            for (int i = 0; i < plans.size(); i++) {
                BucketPlanText.print(out, "buckets for " + roots.get(i) + " (dataset " + (i + 1) + " of " + plans.size() + ")",
                        null, plans.get(i), null);
                out.println();
            }
            out.println("all datasets:");
            BucketPlanText.printSteps(out, steps);
        }
        out.flush();
        return 0;
    }

    /** Command-line bucket options over a dataset's own settings. */
    private BucketSettings override(BucketSettings s) {
        return new BucketSettings(resolution != null ? Resolution.parse(resolution) : s.resolution(),
                s.enableBucket() && !noBucket, min != null ? min : s.minBucketReso(), max != null ? max : s.maxBucketReso(),
                steps != null ? steps : s.bucketResoSteps(), noUpscale || s.bucketNoUpscale());
    }

    /** The config's bucket settings under the command-line options; without a config, bucketing is on. */
    private BucketSettings settings(TrainConfig cfg) {
        BucketSettings s = cfg.bucketSettings(Resolution.square(512));
        if (config == null) {
            s = new BucketSettings(s.resolution(), true, s.minBucketReso(), s.maxBucketReso(), s.bucketResoSteps(),
                    s.bucketNoUpscale());
        }
        return override(s);
    }

    /** Steps over the datasets' batches; command-line options over the config's. */
    private StepPlan steps(TrainConfig cfg, List<BucketPlan> plans) {
        return StepPlan.compute(plans, accum != null ? accum : cfg.gradientAccumulationSteps(),
                epochs != null ? epochs : cfg.maxTrainEpochs(),
                maxSteps != null ? maxSteps : cfg.isSet("max_train_steps") ? (Integer) cfg.maxTrainSteps() : null);
    }

    private static DatasetScan scan(Path root, TrainConfig cfg) {
        ScanOptions d = ScanOptions.defaults();
        // Duplicate hashing reads whole files; the plan only needs the headers.
        ScanOptions options = new ScanOptions(d.captionExtension(), d.minSide(), d.maxAspect(), false);
        if (cfg.isSet("caption_extension")) {
            options = options.withCaptionExtension(cfg.captionExtension());
        }
        DatasetScan scan = new DatasetScanner(options).scan(root);
        if (scan.layout() == DatasetScan.Layout.NONE) {
            String why = scan.findings().stream().filter(f -> f.severity() == Severity.ERROR)
                    .map(f -> f.message() + (f.fix() == null || f.fix().isEmpty() ? "" : ": " + f.fix()))
                    .findFirst().orElse("cannot be scanned");
            throw new IllegalArgumentException(root + ": " + why);
        }
        return scan;
    }
}
