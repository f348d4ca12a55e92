package org.danlu.engine.dataset;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link DatasetScannerLocaleTest}: says whether this JVM can build a path
 * from a Chinese file name (it cannot under LANG=C), then scans the dataset and prints, in ASCII,
 * the image count and each finding's kind.
 */
public final class ScanInChildLocale {

    public static void main(String[] args) {
        Path root = Path.of(args[0]);
        System.out.println("sun.jnu.encoding=" + System.getProperty("sun.jnu.encoding"));
        boolean representable;
        try {
            root.resolve("\u72d7.png");
            representable = true;
        } catch (InvalidPathException e) {
            representable = false;
        }
        System.out.println("representable=" + representable);
        DatasetScan scan = new DatasetScanner().scan(root);
        System.out.println("images=" + scan.imageCount());
        scan.findings().forEach(f -> System.out.println("finding=" + f.kind() + " " + f.file().getFileName()));
    }
}
