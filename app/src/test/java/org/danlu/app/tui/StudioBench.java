package org.danlu.app.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.danlu.app.tui.screen.TestDataset;
import org.danlu.engine.dataset.DatasetScanner;

/**
 * {@code bench/studio}: opening 10,000 images, re-rendering per key, and a bulk rename through the
 * {@code :} prompt, each printed with its ratio to a baseline or target measured or fixed here.
 */
public final class StudioBench {
    private static final int IMAGES = 10_000;

    private StudioBench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : "bench/.data/studio");
        generate(root);
        // Warm the JVM once so both timings see compiled code.
        new DatasetScanner().scan(root);

        long t0 = System.nanoTime();
        int scanned = new DatasetScanner().scan(root).imageCount();
        double scanMs = ms(t0);

        t0 = System.nanoTime();
        VirtualStudio ui = VirtualStudio.opening(80, 24, "en", DatasetStudio.screens(root));
        // Filled: the folder list and a screenful of image rows, drawn from the first partial scan.
        while (!ui.text().contains("img_00010.png")) {
            ui.session.tick();
            Thread.sleep(1);
        }
        double filledMs = ms(t0);
        // Complete: the image list's title carries the full count once every header is read.
        while (!ui.text().contains("Images (" + fmt(scanned) + ")")) {
            ui.session.tick();
            Thread.sleep(1);
        }
        double openMs = ms(t0);
        System.out.printf("open %,d images: lists filled after %.0f ms (target 1,000 ms), every header in after %.0f ms;"
                + " bare scan %.0f ms; ratio filled/bare scan %.2f%n", scanned, filledMs, openMs, scanMs, filledMs / scanMs);

        int keys = 300;
        t0 = System.nanoTime();
        for (int i = 0; i < keys; i++) {
            ui.vt.addInput(new KeyStroke(KeyType.ArrowDown));
            ui.session.tick();
        }
        double perKey = ms(t0) / keys;
        System.out.printf("key press re-render: %.2f ms per key over %d keys; ratio to the 50 ms target %.3f%n",
                perKey, keys, perKey / 50);

        ui.type(":replace \"solid colour\" \"flat colour\" --all");
        t0 = System.nanoTime();
        ui.key(KeyType.Enter); // dry run on a worker: counts the files that change, then asks
        double dry = ms(t0);
        t0 = System.nanoTime();
        ui.vt.addInput(new KeyStroke('y', false, false));
        while (!ui.rows().get(23).startsWith("Done:")) {
            ui.session.tick();
            Thread.sleep(1);
        }
        double rename = ms(t0);
        System.out.printf("rename a tag in %,d captions (journal included): %.0f ms after a %.0f ms count; ratio to the 2 s target %.2f%n",
                IMAGES, rename, dry, rename / 2000);
        ui.type(":undo");
        ui.vt.addInput(new KeyStroke(KeyType.Enter));
        while (!ui.rows().get(23).startsWith("Undone:")) {
            ui.session.tick();
            Thread.sleep(1);
        }
        ui.close();
    }

    private static String fmt(int n) {
        return String.format("%,d", n);
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    /**
     * Writes the images once; captions are checked every run and rewritten when an earlier run was
     * stopped between its rename and its undo (the journal is reset with them).
     */
    private static void generate(Path root) throws Exception {
        Path folder = root.resolve("train/10_bench common");
        boolean fresh = !Files.isDirectory(folder);
        boolean reset = false;
        for (int i = 0; i < IMAGES; i++) {
            String stem = String.format("img_%05d", i);
            if (fresh) {
                int w = 512 + 64 * (i % 5);
                TestDataset.png(folder.resolve(stem + ".png"), w / 8, 512 / 8, new Color(i * 37 % 255, 90, 160));
            }
            Path caption = folder.resolve(stem + ".txt");
            String want = "bench common, tag" + i % 50 + ", solid colour";
            if (fresh || !Files.isRegularFile(caption) || !Files.readString(caption, StandardCharsets.UTF_8).equals(want)) {
                Files.writeString(caption, want, StandardCharsets.UTF_8);
                reset = true;
            }
        }
        if (reset && Files.isDirectory(root.resolve(".danlu"))) {
            try (var files = Files.walk(root.resolve(".danlu"))) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
