package org.danlu.engine.bucket;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.danlu.engine.dataset.DatasetFolder;
import org.danlu.engine.dataset.DatasetScan;
import org.danlu.engine.dataset.ImageEntry;

/**
 * The planner's input from a dataset scan, in kohya's order: train folders, then reg folders, each
 * folder's images in the scan's (sorted path) order. Sizes are the upright sizes Danlu trains with
 * (the one deliberate difference from kohya, which ignores EXIF orientation).
 */
public final class ScanInputs {

    private ScanInputs() {
    }

    /** Every image of the scan; reg folders' images are marked reg. */
    public static List<BucketInput> of(DatasetScan scan) {
        List<BucketInput> out = new ArrayList<>(scan.imageCount());
        add(out, scan.trainFolders(), false);
        add(out, scan.regFolders(), true);
        return out;
    }

    /** Every image of a scan of kohya's {@code reg_data_dir} (its folders are reg whatever their place). */
    public static List<BucketInput> reg(DatasetScan regScan) {
        List<BucketInput> out = new ArrayList<>(regScan.imageCount());
        add(out, regScan.folders(), true);
        return out;
    }

    /**
     * The images lying directly in {@code imageDir} (a {@code --dataset_config} subset: kohya globs
     * only that folder and takes repeats from {@code num_repeats}, not from the folder name).
     */
    public static List<BucketInput> directlyIn(DatasetScan scan, Path imageDir, int repeats, boolean reg) {
        List<BucketInput> out = new ArrayList<>();
        Path want = imageDir.toAbsolutePath().normalize();
        for (DatasetFolder f : scan.folders()) {
            if (f.dir().toAbsolutePath().normalize().equals(want)) {
                for (ImageEntry e : f.images()) {
                    out.add(new BucketInput(e.path().toString(), e.width(), e.height(), repeats, reg));
                }
            }
        }
        return out;
    }

    private static void add(List<BucketInput> out, List<DatasetFolder> folders, boolean reg) {
        for (DatasetFolder f : folders) {
            for (ImageEntry e : f.images()) {
                out.add(new BucketInput(e.path().toString(), e.width(), e.height(), Math.max(1, f.repeats()), reg));
            }
        }
    }
}
