package org.danlu.engine.dataset;

/**
 * A scan under way, as {@link DatasetScanner#scan(java.nio.file.Path, java.util.function.Consumer)}
 * reports it: the dataset with the images read so far, and how far the header reading has come.
 *
 * @param soFar      every folder, holding the images read so far in kohya order, and the findings so far
 * @param imagesRead image files whose headers have been read (readable or not)
 * @param imagesTotal image files listed in all folders
 */
public record ScanProgress(DatasetScan soFar, int imagesRead, int imagesTotal) {
}
