package org.danlu.engine.dataset;

/**
 * Settings of a scan.
 *
 * @param captionExtension {@code .txt}, {@code .caption}, or null to detect it
 * @param minSide          images whose shorter upright side is below this are flagged
 * @param maxAspect        images longer than this ratio (long side / short side) are flagged
 * @param findDuplicates   whether to look for byte-identical images (hashes only same-size files)
 */
public record ScanOptions(String captionExtension, int minSide, double maxAspect, boolean findDuplicates) {

    public static ScanOptions defaults() {
        return new ScanOptions(null, 128, 4.0, true);
    }

    public ScanOptions withCaptionExtension(String ext) {
        String e = ext == null || ext.isEmpty() || ext.startsWith(".") ? ext : "." + ext; // kohya adds the dot
        return new ScanOptions(e, minSide, maxAspect, findDuplicates);
    }

    public ScanOptions withMinSide(int side) {
        return new ScanOptions(captionExtension, side, maxAspect, findDuplicates);
    }
}
