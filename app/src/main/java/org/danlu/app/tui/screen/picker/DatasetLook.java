package org.danlu.app.tui.screen.picker;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.danlu.engine.dataset.FolderName;
import org.danlu.engine.dataset.ImageFormat;

/**
 * Whether a folder looks like a kohya dataset, the way the scanner would take it: a {@code train/}
 * folder (with an optional {@code reg/}) holding {@code N_name} folders, or {@code N_name} folders
 * directly. Learned from names alone (one listing per folder, images counted by extension and never
 * opened), and with a budget of names so a folder of a million files costs a bounded time.
 *
 * @param kind     how it looks
 * @param subsets  the {@code N_name} folders found
 * @param images   image files in them (a lower bound when {@code capped})
 * @param capped   the name budget ran out before every subset folder was counted
 */
public record DatasetLook(Kind kind, int subsets, long images, boolean capped) {
    /** How many names one look may read before it stops counting. */
    public static final int NAME_BUDGET = 50_000;

    /** Not a dataset. */
    public static final DatasetLook NONE = new DatasetLook(Kind.NONE, 0, 0, false);

    public enum Kind {
        /** No {@code N_name} folders (or train/ without any). */
        NONE,
        /** {@code N_name} folders directly inside. */
        FOLDERS,
        /** {@code train/} (and maybe {@code reg/}) holding {@code N_name} folders. */
        TRAIN_REG
    }

    public boolean isDataset() {
        return kind != Kind.NONE;
    }

    /** Looks at {@code dir}; {@code cancelled} is asked between folders so stale work stops early. */
    public static DatasetLook of(Path dir, BooleanSupplier cancelled) {
        return of(dir, NAME_BUDGET, cancelled);
    }

    /** {@link #of(Path, BooleanSupplier)} with a given name budget (tests use a small one). */
    static DatasetLook of(Path dir, int nameBudget, BooleanSupplier cancelled) {
        int[] budget = {nameBudget};
        Path train = dir.resolve("train");
        if (Files.isDirectory(train)) {
            List<Path> subsets = new ArrayList<>(subsetFolders(train, budget));
            Path reg = dir.resolve("reg");
            if (Files.isDirectory(reg)) {
                subsets.addAll(subsetFolders(reg, budget));
            }
            return subsets.isEmpty() ? NONE : counted(Kind.TRAIN_REG, subsets, budget, cancelled);
        }
        List<Path> subsets = subsetFolders(dir, budget);
        return subsets.isEmpty() ? NONE : counted(Kind.FOLDERS, subsets, budget, cancelled);
    }

    private static DatasetLook counted(Kind kind, List<Path> subsets, int[] budget, BooleanSupplier cancelled) {
        long images = 0;
        for (Path s : subsets) {
            if (budget[0] <= 0 || cancelled.getAsBoolean()) {
                return new DatasetLook(kind, subsets.size(), images, true);
            }
            images += imageNames(s, budget);
        }
        return new DatasetLook(kind, subsets.size(), images, budget[0] <= 0);
    }

    /** The kohya-named folders directly in {@code parent} (hidden names skipped, as kohya's glob does). */
    private static List<Path> subsetFolders(Path parent, int[] budget) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent)) {
            for (Path p : ds) {
                if (--budget[0] < 0) {
                    break;
                }
                String name = p.getFileName().toString();
                if (!name.startsWith(".") && FolderName.parse(name).isPresent() && Files.isDirectory(p)) {
                    out.add(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // An unreadable folder simply does not look like a dataset; opening it shows the real error.
        }
        return out;
    }

    private static long imageNames(Path folder, int[] budget) {
        long n = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
            for (Path p : ds) {
                if (--budget[0] < 0) {
                    break;
                }
                String name = p.getFileName().toString();
                if (!name.startsWith(".") && ImageFormat.ofFileName(name).isPresent()) {
                    n++;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Counted as none; the studio's scan reports the folder properly.
        }
        return n;
    }
}
