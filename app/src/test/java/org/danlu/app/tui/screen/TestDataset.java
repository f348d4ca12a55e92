package org.danlu.app.tui.screen;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;

/** Writes small real kohya-style datasets (PNG images, UTF-8 captions) into a temp folder. */
public final class TestDataset {
    private TestDataset() {
    }

    /** A solid-colour PNG of the given size. */
    public static void png(Path file, int w, int h, Color c) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, w, h);
        g.dispose();
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    /** A PNG whose chunks are all there (so a header reader accepts it) but whose pixel data is garbage. */
    public static void brokenPng(Path file, int w, int h) throws IOException {
        Path tmp = Files.createTempFile("danlu", ".png");
        png(tmp, w, h, Color.GRAY);
        byte[] good = Files.readAllBytes(tmp);
        Files.delete(tmp);
        // Signature (8) + IHDR (25) come first, IEND (12) last; scramble what lies between.
        byte[] bad = Arrays.copyOf(good, good.length);
        for (int i = 33 + 8; i < bad.length - 12; i++) {
            bad[i] = (byte) 0x5a;
        }
        Files.write(file, bad);
    }

    public static void caption(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /**
     * {@code train/10_shs dog/}: red.png 64x48 "shs dog, smile, grass", blue.png 48x64
     * "shs dog, sitting, grass", 猫の画像.png 64x48 "shs dog, smile, 猫耳".
     */
    public static Path basic(Path dir) throws IOException {
        Path f = dir.resolve("train").resolve("10_shs dog");
        png(f.resolve("red.png"), 64, 48, Color.RED);
        caption(f.resolve("red.txt"), "shs dog, smile, grass");
        png(f.resolve("blue.png"), 48, 64, Color.BLUE);
        caption(f.resolve("blue.txt"), "shs dog, sitting, grass");
        png(f.resolve("猫の画像.png"), 64, 48, Color.GREEN);
        caption(f.resolve("猫の画像.txt"), "shs dog, smile, 猫耳");
        return dir;
    }


}
