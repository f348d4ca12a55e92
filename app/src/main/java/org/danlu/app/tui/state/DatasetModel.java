package org.danlu.app.tui.state;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.danlu.engine.bucket.BucketInput;
import org.danlu.engine.bucket.BucketPlan;
import org.danlu.engine.bucket.BucketPlanner;
import org.danlu.engine.bucket.BucketSettings;
import org.danlu.engine.bucket.ImagePlan;
import org.danlu.engine.bucket.Resolution;
import org.danlu.engine.bucket.StepPlan;
import org.danlu.engine.dataset.DatasetFolder;
import org.danlu.engine.dataset.DatasetScan;
import org.danlu.engine.dataset.Finding;
import org.danlu.engine.dataset.ImageEntry;
import org.danlu.engine.dataset.ScanProgress;
import org.danlu.engine.dataset.TagEditor;
import org.danlu.engine.dataset.TagStats;

/**
 * The open dataset as the screens share it: the latest scan, the tag editor (journal) for it, the
 * bucket settings and training numbers being tried, and what follows from them (bucket plan, step
 * plan, findings per file). Owned by the GUI thread; a new scan or setting recomputes the plan at
 * once (planning 10,000 images takes milliseconds) and tells the listeners.
 */
public final class DatasetModel {
    private final Path root;
    private final TagEditor editor;
    private final List<Runnable> listeners = new ArrayList<>();
    private DatasetScan scan;
    /** The first scan while it is still reading headers; null once a complete scan is in. */
    private ScanProgress reading;
    private BucketSettings settings = BucketSettings.bucketed(Resolution.square(512));
    private int batchSize = 1;
    private int epochs = 10;
    private int gradAccum = 1;
    private int keepTokens = 1;
    private double tagDropout;
    private BucketPlan plan;
    private StepPlan steps;
    private String planError = "";
    private String loadError = "";
    private Map<Path, List<Finding>> findings = Map.of();
    private Map<String, ImagePlan> placements = Map.of();
    private List<Map.Entry<String, Integer>> tagFrequency;
    private List<String> tagNames;

    public DatasetModel(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.editor = new TagEditor(this.root);
    }

    public Path root() {
        return root;
    }

    public TagEditor editor() {
        return editor;
    }

    public boolean loaded() {
        return scan != null;
    }

    public DatasetScan scan() {
        return scan;
    }

    public void onChange(Runnable r) {
        listeners.add(r);
    }

    /** Why the dataset could not be scanned ("" when it could); shown until a scan succeeds. */
    public String loadError() {
        return loadError;
    }

    public void setLoadError(String why) {
        this.loadError = why == null ? "" : why;
        fire();
    }

    /** A new, complete scan (opened, rescanned, or returned by an edit). */
    public void setScan(DatasetScan s) {
        reading = null;
        show(s);
    }

    /**
     * The images read so far by the opening scan, so the lists fill before every header is read.
     * Ignored once a complete scan is in (a rescan may finish first).
     */
    public void setPartialScan(ScanProgress p) {
        if (scan != null && reading == null) {
            return;
        }
        reading = p;
        show(p.soFar());
    }

    /** The opening scan's progress while it still reads headers; empty once the dataset is complete. */
    public java.util.Optional<ScanProgress> reading() {
        return java.util.Optional.ofNullable(reading);
    }

    /** The dataset's tags with their image counts, most images first; computed once per scan, when first asked. */
    public List<Map.Entry<String, Integer>> tagFrequency() {
        if (tagFrequency == null) {
            tagFrequency = scan == null ? List.of() : TagStats.of(scan.images()).top(Integer.MAX_VALUE);
        }
        return tagFrequency;
    }

    /** The dataset's tags, most images first (for completion). */
    public List<String> tagsByFrequency() {
        if (tagNames == null) {
            tagNames = tagFrequency().stream().map(Map.Entry::getKey).toList();
        }
        return tagNames;
    }

    private void show(DatasetScan s) {
        this.scan = s;
        this.tagFrequency = null;
        this.tagNames = null;
        this.loadError = "";
        Map<Path, List<Finding>> byFile = new HashMap<>();
        for (Finding f : s.findings()) {
            byFile.computeIfAbsent(f.file(), k -> new ArrayList<>()).add(f);
        }
        this.findings = byFile;
        replan();
    }

    public List<Finding> findingsFor(Path file) {
        return findings.getOrDefault(file, List.of());
    }

    /** Findings about an image or its caption file. */
    public List<Finding> findingsFor(ImageEntry e) {
        List<Finding> all = new ArrayList<>(findingsFor(e.path()));
        all.addAll(findingsFor(e.captionPath()));
        return all;
    }

    public BucketSettings settings() {
        return settings;
    }

    public void setSettings(BucketSettings s) {
        this.settings = s;
        replan();
    }

    public int batchSize() {
        return batchSize;
    }

    public int epochs() {
        return epochs;
    }

    public int gradAccum() {
        return gradAccum;
    }

    /** Sets batch size, epochs and gradient accumulation (each at least 1) and replans. */
    public void setTraining(int batch, int epochs, int accum) {
        this.batchSize = Math.max(1, batch);
        this.epochs = Math.max(1, epochs);
        this.gradAccum = Math.max(1, accum);
        replan();
    }

    public int keepTokens() {
        return keepTokens;
    }

    public void setKeepTokens(int n) {
        this.keepTokens = Math.max(0, n);
        fire();
    }

    public double tagDropout() {
        return tagDropout;
    }

    public void setTagDropout(double p) {
        this.tagDropout = Math.max(0, Math.min(1, p));
        fire();
    }

    /** The bucket plan, or null when the settings are unusable (see {@link #planError()}). */
    public BucketPlan plan() {
        return plan;
    }

    public StepPlan steps() {
        return steps;
    }

    public String planError() {
        return planError;
    }

    /** Where the plan put an image, or null. */
    public ImagePlan placement(ImageEntry e) {
        return placements.get(e.path().toString());
    }

    /** The plan for a dataset whose folders are renamed as given (for live step totals while typing). */
    public StepPlan stepsWithRepeats(Map<String, Integer> repeatsByFolder) {
        try {
            BucketPlan p = BucketPlanner.plan(settings, batchSize, inputs(repeatsByFolder));
            return StepPlan.compute(p.batchesPerEpoch(), gradAccum, epochs, null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void replan() {
        plan = null;
        steps = null;
        placements = Map.of();
        planError = "";
        if (scan != null) {
            try {
                plan = BucketPlanner.plan(settings, batchSize, inputs(Map.of()));
                Map<String, ImagePlan> byKey = new HashMap<>();
                plan.images().forEach(ip -> byKey.put(ip.input().key(), ip));
                placements = byKey;
                steps = plan.batchesPerEpoch() > 0 ? StepPlan.compute(plan.batchesPerEpoch(), gradAccum, epochs, null) : null;
            } catch (IllegalArgumentException e) {
                planError = e.getMessage();
            }
        }
        fire();
    }

    /** Images in kohya's order, upright sizes (Danlu trains EXIF-rotated images upright). */
    private List<BucketInput> inputs(Map<String, Integer> repeatsOverride) {
        List<BucketInput> in = new ArrayList<>();
        for (DatasetFolder f : scan.folders()) {
            int repeats = repeatsOverride.getOrDefault(f.folderName(), f.repeats());
            for (ImageEntry e : f.images()) {
                if (e.width() <= 0 || e.height() <= 0) {
                    continue; // unreadable header: the lint reports it
                }
                String key = e.path().toString();
                in.add(f.reg() ? BucketInput.reg(key, e.width(), e.height(), repeats)
                        : BucketInput.train(key, e.width(), e.height(), repeats));
            }
        }
        return in;
    }

    private void fire() {
        listeners.forEach(Runnable::run);
    }
}
