package org.danlu.engine.dataset;

import java.util.Locale;
import java.util.Optional;

/** The image formats kohya trains on, with the extensions it globs for. */
public enum ImageFormat {
    PNG("png"), JPEG("jpg", "jpeg"), WEBP("webp"), BMP("bmp");

    private final String[] extensions;

    ImageFormat(String... extensions) {
        this.extensions = extensions;
    }

    /** The format for a file name's extension in any letter case, or empty if it is not an image. */
    public static Optional<ImageFormat> ofFileName(String fileName) {
        String ext = extension(fileName).toLowerCase(Locale.ROOT);
        for (ImageFormat f : values()) {
            for (String e : f.extensions) {
                if (e.equals(ext)) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }

    /** The format the first bytes of a file say it is (magic numbers), or empty. */
    public static Optional<ImageFormat> ofMagic(byte[] head, int len) {
        if (len >= 8 && (head[0] & 0xff) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G') {
            return Optional.of(PNG);
        }
        if (len >= 3 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xD8 && (head[2] & 0xff) == 0xFF) {
            return Optional.of(JPEG);
        }
        if (len >= 12 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F'
                && head[8] == 'W' && head[9] == 'E' && head[10] == 'B' && head[11] == 'P') {
            return Optional.of(WEBP);
        }
        if (len >= 2 && head[0] == 'B' && head[1] == 'M') {
            return Optional.of(BMP);
        }
        return Optional.empty();
    }

    /**
     * Whether kohya on Linux finds this extension: its glob lists each extension all-lower and
     * all-upper only, so {@code .Jpg} is silently left out of training.
     */
    public static boolean kohyaMatchesCase(String fileName) {
        String ext = extension(fileName);
        return ext.equals(ext.toLowerCase(Locale.ROOT)) || ext.equals(ext.toUpperCase(Locale.ROOT));
    }

    static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1);
    }

    public String lowerName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
