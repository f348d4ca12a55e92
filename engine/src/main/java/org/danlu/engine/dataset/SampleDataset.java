package org.danlu.engine.dataset;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * A small kohya dataset drawn from code: coloured shapes and patterns in {@code 12_dnl shape} and
 * {@code 6_dnl pattern}, PNG and JPEG, at most 256 px, with tag captions, plus a few deliberate lint
 * problems (an image without caption, a caption without image, a duplicate, a tiny image, a two-line
 * caption, a repeated tag, a {@code .Png} extension, a folder kohya skips). Only warnings, no errors, so
 * it trains as is. The same seed gives the same bytes. Used by {@code danlu demo} and by tests.
 */
public final class SampleDataset {

    public static final long DEFAULT_SEED = 42;
    public static final String SHAPE_FOLDER = "12_dnl shape";
    public static final String PATTERN_FOLDER = "6_dnl pattern";

    private static final String[] SHAPES = {"circle", "square", "triangle", "star"};
    private static final String[] COLOUR_NAMES = {"red", "green", "blue", "yellow", "purple", "orange"};
    private static final Color[] COLOURS = {new Color(220, 40, 40), new Color(40, 170, 60), new Color(40, 80, 220),
        new Color(235, 200, 30), new Color(140, 50, 180), new Color(245, 130, 20)};
    private static final int[][] SIZES = {{256, 256}, {256, 192}, {192, 256}, {256, 144}, {144, 256}, {224, 224}};

    /** What generation did. */
    public record Result(Path dir, boolean created, List<Path> files) {
    }

    private SampleDataset() {
    }

    /**
     * Writes the sample under {@code trainDir} unless that folder already has files in it; never
     * overwrites anything (files are created with CREATE_NEW).
     */
    public static Result generate(Path trainDir, long seed) throws IOException {
        if (Files.isDirectory(trainDir)) {
            try (var s = Files.list(trainDir)) {
                if (s.findAny().isPresent()) {
                    return new Result(trainDir, false, List.of());
                }
            }
        }
        Random rnd = new Random(seed);
        List<Path> files = new ArrayList<>();
        Path shapes = Files.createDirectories(trainDir.resolve(SHAPE_FOLDER));
        byte[] firstPng = null;
        for (int i = 0; i < 24; i++) {
            int shape = i % SHAPES.length;
            int colour = rnd.nextInt(COLOURS.length);
            int[] size = SIZES[rnd.nextInt(SIZES.length)];
            boolean dark = rnd.nextInt(4) == 0;
            boolean big = rnd.nextBoolean();
            BufferedImage img = shape(size[0], size[1], shape, COLOURS[colour], dark, big, rnd);
            boolean jpeg = i % 3 == 2 && i != 5;
            String stem = String.format("%s_%02d", SHAPES[shape], i + 1);
            String ext = i == 5 ? ".Png" : jpeg ? ".jpg" : ".png"; // .Png: kohya on Linux skips it
            byte[] bytes = encode(img, jpeg ? "jpg" : "png");
            if (firstPng == null && !jpeg) {
                firstPng = bytes;
            }
            files.add(write(shapes.resolve(stem + ext), bytes));
            String caption = "dnl shape, " + COLOUR_NAMES[colour] + " " + SHAPES[shape] + ", "
                    + (dark ? "dark background" : "white background") + ", " + (big ? "large" : "small") + ", simple";
            if (i == 7) {
                caption += ", simple"; // a repeated tag for dedupe to find
            }
            if (i == 9) {
                caption += "\nsecond line kohya ignores"; // a multi-line caption
            }
            if (i != 3) { // one image without caption
                files.add(write(shapes.resolve(stem + ".txt"), (caption + "\n").getBytes(StandardCharsets.UTF_8)));
            }
        }
        files.add(write(shapes.resolve("circle_01_copy.png"), firstPng)); // an exact duplicate
        files.add(write(shapes.resolve("circle_01_copy.txt"), "dnl shape, red circle\n".getBytes(StandardCharsets.UTF_8)));
        files.add(write(shapes.resolve("removed_image.txt"), "dnl shape, blue square\n".getBytes(StandardCharsets.UTF_8)));

        Path patterns = Files.createDirectories(trainDir.resolve(PATTERN_FOLDER));
        for (int i = 0; i < 8; i++) {
            int c1 = rnd.nextInt(COLOURS.length);
            int c2 = (c1 + 1 + rnd.nextInt(COLOURS.length - 1)) % COLOURS.length;
            boolean stripes = i % 2 == 0;
            int[] size = i == 7 ? new int[] {64, 64} : SIZES[rnd.nextInt(SIZES.length)]; // the last one is tiny
            BufferedImage img = pattern(size[0], size[1], stripes, COLOURS[c1], COLOURS[c2], 8 + rnd.nextInt(24));
            String stem = String.format("%s_%02d", stripes ? "stripes" : "checker", i + 1);
            files.add(write(patterns.resolve(stem + ".png"), encode(img, "png")));
            String caption = "dnl pattern, " + (stripes ? "stripes" : "checkerboard") + ", " + COLOUR_NAMES[c1]
                    + ", " + COLOUR_NAMES[c2] + ", geometric";
            files.add(write(patterns.resolve(stem + ".txt"), (caption + "\n").getBytes(StandardCharsets.UTF_8)));
        }
        Path extras = Files.createDirectories(trainDir.resolve("extras")); // no repeat count: kohya skips it
        files.add(write(extras.resolve("unused.png"), encode(pattern(128, 128, true, COLOURS[0], COLOURS[2], 16), "png")));
        return new Result(trainDir, true, files);
    }

    private static BufferedImage shape(int w, int h, int shape, Color colour, boolean dark, boolean big, Random rnd) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(dark ? new Color(30, 30, 40) : Color.WHITE);
        g.fillRect(0, 0, w, h);
        int side = Math.min(w, h) * (big ? 70 : 40) / 100;
        int cx = w / 2 + rnd.nextInt(Math.max(1, (w - side) / 2 + 1)) - (w - side) / 4;
        int cy = h / 2 + rnd.nextInt(Math.max(1, (h - side) / 2 + 1)) - (h - side) / 4;
        int x = cx - side / 2;
        int y = cy - side / 2;
        g.setColor(colour);
        switch (shape) {
            case 0 -> g.fillOval(x, y, side, side);
            case 1 -> g.fillRect(x, y, side, side);
            case 2 -> g.fillPolygon(new int[] {cx, x + side, x}, new int[] {y, y + side, y + side}, 3);
            default -> g.fillPolygon(star(cx, cy, side / 2, side / 5));
        }
        g.setColor(colour.darker());
        g.setStroke(new BasicStroke(2f));
        g.drawRect(1, 1, w - 3, h - 3);
        g.dispose();
        return img;
    }

    private static Polygon star(int cx, int cy, int outer, int inner) {
        Polygon p = new Polygon();
        for (int k = 0; k < 10; k++) {
            double a = Math.PI / 2 + k * Math.PI / 5;
            int r = k % 2 == 0 ? outer : inner;
            p.addPoint(cx + (int) Math.round(r * Math.cos(a)), cy - (int) Math.round(r * Math.sin(a)));
        }
        return p;
    }

    private static BufferedImage pattern(int w, int h, boolean stripes, Color a, Color b, int cell) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean on = stripes ? (x / cell) % 2 == 0 : ((x / cell) + (y / cell)) % 2 == 0;
                img.setRGB(x, y, (on ? a : b).getRGB());
            }
        }
        return img;
    }

    static byte[] encode(BufferedImage img, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(img, format, out)) {
                throw new IOException("no ImageIO writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(Path p, byte[] bytes) throws IOException {
        try (OutputStream out = Files.newOutputStream(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            out.write(bytes);
        }
        return p;
    }
}
