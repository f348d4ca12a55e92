package org.danlu.engine.bucket;

/**
 * A width × height in pixels: a training resolution or a bucket.
 * Ordered by (width, height), the order kohya sorts its bucket list in.
 */
public record Resolution(int width, int height) implements Comparable<Resolution> {

    public Resolution {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("resolution must not be negative: " + width + "x" + height);
        }
    }

    /** A square resolution. */
    public static Resolution square(int side) {
        return new Resolution(side, side);
    }

    /**
     * Parses kohya's {@code --resolution} string: {@code "512"} (square) or {@code "768,512"}
     * (width,height), the way sd-scripts splits it on a comma.
     */
    public static Resolution parse(String text) {
        String t = text == null ? "" : text.trim();
        String[] parts = t.split(",", -1);
        try {
            if (parts.length == 1) {
                return square(positive(parts[0]));
            }
            if (parts.length == 2) {
                return new Resolution(positive(parts[0]), positive(parts[1]));
            }
        } catch (NumberFormatException e) {
            // fall through to the one message below
        }
        throw new IllegalArgumentException("resolution \"" + text
                + "\" is not valid: write one size (\"512\") or width,height (\"768,512\")");
    }

    private static int positive(String s) {
        int v = Integer.parseInt(s.trim());
        if (v <= 0) {
            throw new NumberFormatException(s);
        }
        return v;
    }

    /** Pixels: width × height. */
    public long area() {
        return (long) width * height;
    }

    /** width / height in double, as Python's true division gives it. */
    public double aspectRatio() {
        return (double) width / height;
    }

    /** kohya's string form: {@code "512"} when square, else {@code "768,512"}. */
    public String toKohyaString() {
        return width == height ? Integer.toString(width) : width + "," + height;
    }

    @Override
    public int compareTo(Resolution o) {
        int c = Integer.compare(width, o.width);
        return c != 0 ? c : Integer.compare(height, o.height);
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
