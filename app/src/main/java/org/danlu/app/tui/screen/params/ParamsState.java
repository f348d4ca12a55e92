package org.danlu.app.tui.screen.params;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.danlu.engine.config.ConfigFile;
import org.danlu.engine.config.ConfigIssue;
import org.danlu.engine.config.ConfigValidator;
import org.danlu.engine.config.TrainConfig;
import org.danlu.engine.dataset.DatasetScan;

/**
 * The configuration being edited and everything that follows from it: the validator's findings and
 * the derived values, recomputed on every change (both are fast: the validator checks values and
 * paths, the bucket planner works on the scan already in memory). GUI thread only.
 */
final class ParamsState {
    private final Path datasetRoot;
    private final Path baseDir;
    private TrainConfig config;
    private ConfigFile file;
    private Path filePath;
    private String source;
    private boolean dirty;
    private DatasetScan scan;
    private Path scannedDir;
    private List<ConfigIssue> issues = List.of();
    private Derived derived;

    ParamsState(Path datasetRoot, Path baseDir, TrainConfig start, String source) {
        this.datasetRoot = datasetRoot;
        this.baseDir = baseDir;
        this.config = start;
        this.source = source;
        recompute();
    }

    TrainConfig config() {
        return config;
    }

    /**
     * The config as the trainer gets it: when it names no dataset, the studio's dataset, in kohya's
     * terms: {@code root/train} and {@code root/reg} for a train/reg layout, else the root itself.
     */
    TrainConfig effective() {
        if (config.isSet("train_data_dir") || config.isSet("dataset_config") || datasetRoot == null) {
            return config;
        }
        Path train = datasetRoot.resolve("train");
        if (!Files.isDirectory(train)) {
            return config.with("train_data_dir", datasetRoot.toString());
        }
        TrainConfig out = config.with("train_data_dir", train.toString());
        Path reg = datasetRoot.resolve("reg");
        return Files.isDirectory(reg) && !config.isSet("reg_data_dir") ? out.with("reg_data_dir", reg.toString()) : out;
    }

    /**
     * The folder whose scan the step arithmetic needs, or null: the studio's dataset root when the
     * config names none (its scan holds the train and reg folders), else train_data_dir (a separate
     * reg_data_dir is then left out of the plan).
     */
    Path datasetDir() {
        if (!config.isSet("train_data_dir") && !config.isSet("dataset_config") && datasetRoot != null) {
            return datasetRoot.toAbsolutePath().normalize();
        }
        String dir = config.trainDataDir();
        return dir == null ? null : baseDir.resolve(dir).normalize();
    }

    void set(String key, Object value) {
        config = value == null ? config.without(key) : config.with(key, value);
        dirty = true;
        recompute();
    }

    /** Replaces everything (a preset, a loaded file, an import); {@code file} when it came from a TOML file. */
    void replace(TrainConfig cfg, String source, ConfigFile file, Path filePath) {
        this.config = cfg;
        this.source = source;
        this.file = file;
        this.filePath = filePath;
        this.dirty = false; // nothing typed yet: quitting loses nothing the user did
        recompute();
    }

    void saved(ConfigFile file, Path path) {
        this.file = file;
        this.filePath = path;
        this.source = path.toString();
        this.dirty = false;
    }

    void scanned(Path dir, DatasetScan s) {
        if (dir.equals(datasetDir())) {
            scannedDir = dir;
            scan = s;
            recompute();
        }
    }

    boolean needsScan() {
        Path d = datasetDir();
        return d != null && !d.equals(scannedDir);
    }

    private void recompute() {
        TrainConfig eff = effective();
        issues = ConfigValidator.validate(eff, source, file == null ? k -> null : file::locationOf, baseDir);
        derived = Derived.of(eff, datasetDir() != null && datasetDir().equals(scannedDir) ? scan : null);
    }

    List<ConfigIssue> issues() {
        return issues;
    }

    long errors() {
        return issues.stream().filter(ConfigIssue::isError).count();
    }

    Derived derived() {
        return derived;
    }

    DatasetScan scan() {
        return scan;
    }

    boolean dirty() {
        return dirty;
    }

    String source() {
        return source;
    }

    ConfigFile file() {
        return file;
    }

    Path filePath() {
        return filePath;
    }
}
