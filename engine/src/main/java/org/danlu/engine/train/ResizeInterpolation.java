package org.danlu.engine.train;

import java.util.Locale;

/**
 * kohya's {@code resize_interpolation}. Unset (null) means kohya's default: {@link #AREA} when the
 * image shrinks (or keeps its size) in both directions, {@link #LANCZOS} otherwise.
 */
public enum ResizeInterpolation {
    LANCZOS,
    AREA,
    BOX;

    /** Parses a kohya value; null or blank means "kohya's default" and returns null. */
    public static ResizeInterpolation parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "lanczos", "lanczos4" -> LANCZOS;
            case "area" -> AREA;
            case "box" -> BOX;
            case "nearest", "bilinear", "linear", "bicubic", "cubic" -> throw new IllegalArgumentException(
                    "resize_interpolation = \"" + value + "\" is not supported by Danlu yet; "
                            + "use \"lanczos\", \"area\" or \"box\", or leave it unset for kohya's default (area/lanczos)");
            default -> throw new IllegalArgumentException("resize_interpolation: unknown value \"" + value
                    + "\"; kohya accepts lanczos, nearest, bilinear, bicubic, area, box");
        };
    }

    /** kohya's choice when unset: area if {@code width >= resizedWidth and height >= resizedHeight}. */
    public static ResizeInterpolation auto(int width, int height, int resizedWidth, int resizedHeight) {
        return width >= resizedWidth && height >= resizedHeight ? AREA : LANCZOS;
    }
}
