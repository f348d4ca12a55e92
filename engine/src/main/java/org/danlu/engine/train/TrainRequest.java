package org.danlu.engine.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.danlu.engine.config.ConfigFile;
import org.danlu.engine.config.ConfigFileReader;
import org.danlu.engine.config.ConfigIssue;
import org.danlu.engine.config.ConfigValidator;
import org.danlu.engine.config.DatasetConfig;
import org.danlu.engine.config.DatasetConfigToml;
import org.danlu.engine.config.TrainConfig;

/**
 * A training run's inputs read from disk: the {@code --config} file and the optional {@code --dataset_config}
 * (from the command line, else the config's {@code dataset_config} key), validated, with every path option
 * resolved against {@code baseDir} (the directory the user launched from, as kohya resolves them against its
 * working directory) so the detached trainer, which runs inside its run folder, finds the same files.
 */
public record TrainRequest(TrainConfig config, DatasetConfig datasetConfig, String configText, List<String> warnings) {

    /** Options holding a path to a file or folder. */
    static final List<String> PATH_KEYS = List.of("pretrained_model_name_or_path", "train_data_dir", "reg_data_dir",
            "output_dir", "network_weights", "resume", "sample_prompts", "dataset_config", "logging_dir", "vae",
            "tokenizer_path");

    /**
     * Reads and validates. Errors (syntax, bad values) throw one exception listing each as
     * {@code file:line:column: error: key: message}; warnings are returned.
     */
    public static TrainRequest read(Path configPath, Path datasetConfigPath, Path baseDir) throws IOException {
        ConfigFile file = ConfigFileReader.read(configPath);
        // --dataset_config on the command line counts as the config's dataset_config (kohya: CLI over file)
        TrainConfig asGiven = datasetConfigPath == null ? file.config()
                : file.config().with("dataset_config", baseDir.resolve(datasetConfigPath).toString());
        List<ConfigIssue> issues = new ArrayList<>(file.syntaxErrors());
        issues.addAll(ConfigValidator.validate(asGiven, file.source(), file::locationOf, baseDir));
        List<String> errors = issues.stream().filter(ConfigIssue::isError).map(ConfigIssue::toString).toList();
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", errors));
        }
        List<String> warnings = new ArrayList<>(issues.stream().filter(i -> !i.isError()).map(ConfigIssue::toString).toList());
        TrainConfig cfg = resolvePaths(asGiven, baseDir);
        Path ds = datasetConfigPath != null ? baseDir.resolve(datasetConfigPath)
                : cfg.datasetConfig() != null ? Path.of(cfg.datasetConfig()) : null;
        DatasetConfig dc = null;
        if (ds != null) {
            if (!Files.isRegularFile(ds)) {
                throw new IllegalArgumentException(ds + ": no such dataset config file");
            }
            DatasetConfigToml.Read r = DatasetConfigToml.parse(Files.readString(ds, StandardCharsets.UTF_8), ds.toString());
            List<String> dsErrors = r.issues().stream().filter(ConfigIssue::isError).map(ConfigIssue::toString).toList();
            if (!dsErrors.isEmpty()) {
                throw new IllegalArgumentException(String.join("\n", dsErrors));
            }
            r.issues().stream().filter(i -> !i.isError()).map(ConfigIssue::toString).forEach(warnings::add);
            dc = resolveImageDirs(r.config(), ds.toAbsolutePath().getParent(), baseDir);
            cfg = cfg.with("dataset_config", ds.toAbsolutePath().toString());
        }
        return new TrainRequest(cfg, dc, file.text(), warnings);
    }

    static TrainConfig resolvePaths(TrainConfig cfg, Path baseDir) {
        TrainConfig out = cfg;
        for (String key : PATH_KEYS) {
            Object v = cfg.entries().get(key);
            if (v instanceof String s && !s.isBlank()) {
                out = out.with(key, baseDir.resolve(s).toAbsolutePath().normalize().toString());
            }
        }
        return out;
    }

    /** image_dir entries are relative to the working directory in kohya; resolved the same way here. */
    private static DatasetConfig resolveImageDirs(DatasetConfig dc, Path dsDir, Path baseDir) {
        List<DatasetConfig.Dataset> datasets = new ArrayList<>();
        for (DatasetConfig.Dataset d : dc.datasets()) {
            List<Map<String, Object>> subsets = new ArrayList<>();
            for (Map<String, Object> s : d.subsets()) {
                Map<String, Object> copy = new LinkedHashMap<>(s);
                Object dir = s.get("image_dir");
                if (dir instanceof String str) {
                    copy.put("image_dir", baseDir.resolve(str).toAbsolutePath().normalize().toString());
                }
                subsets.add(copy);
            }
            datasets.add(new DatasetConfig.Dataset(d.options(), subsets));
        }
        return new DatasetConfig(dc.general(), datasets);
    }
}
