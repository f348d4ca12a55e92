package org.danlu.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.danlu.engine.dataset.SampleDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** danlu scan / tags / demo run in-process through the real command line. */
class DatasetCommandsTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void demoGeneratesOnceAndShowsTheScan() throws IOException {
        Run r = run("demo", "--dir", dir.toString(), "--no-train");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Generated the sample dataset"), r.out());
        assertTrue(r.out().contains(SampleDataset.SHAPE_FOLDER), r.out());
        assertTrue(r.out().contains("Findings: 0 errors"), r.out());
        Path caption = dir.resolve("train").resolve(SampleDataset.SHAPE_FOLDER).resolve("circle_01.txt");
        Files.writeString(caption, "mine\n");
        Run again = run("demo", "--dir", dir.toString(), "--no-train");
        assertTrue(again.out().contains("already has files"), again.out());
        assertEquals("mine\n", Files.readString(caption), "demo never overwrites");
    }

    @Test
    void scanJsonDocumentAndExitCodes() throws IOException {
        SampleDataset.generate(dir.resolve("train"), 3);
        Run r = run("scan", dir.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals("train_reg", o.get("layout").getAsString());
        assertEquals(".txt", o.getAsJsonObject("captionExtension").get("extension").getAsString());
        JsonObject shape = o.getAsJsonArray("folders").get(0).getAsJsonObject();
        assertEquals(SampleDataset.SHAPE_FOLDER, shape.get("name").getAsString());
        assertEquals(12, shape.get("repeats").getAsInt());
        assertEquals("dnl", shape.get("identifier").getAsString());
        assertEquals("shape", shape.get("class").getAsString());
        assertEquals(o.get("images").getAsInt(), o.getAsJsonArray("sizeHistogram").asList().stream()
                .mapToInt(h -> h.getAsJsonObject().get("images").getAsInt()).sum());
        assertTrue(o.getAsJsonArray("topTags").size() <= 20);
        assertEquals(0, o.get("errors").getAsInt());
        assertTrue(o.get("warnings").getAsInt() > 0);

        Files.write(dir.resolve("train").resolve(SampleDataset.PATTERN_FOLDER).resolve("broken.png"), new byte[] {1, 2, 3});
        Run bad = run("scan", dir.toString());
        assertEquals(1, bad.code(), "an error finding makes exit code 1");
        assertTrue(bad.out().contains("broken.png"), bad.out());
        assertEquals(1, run("scan", dir.resolve("missing").toString()).code());

        Path many = dir.resolve("many/3_x");
        Files.createDirectories(many);
        for (int i = 0; i < 13; i++) {
            Files.write(many.resolve("i" + i + ".png"), pngBytes(130 + i, 130));
        }
        Run grouped = run("scan", dir.resolve("many").toString());
        assertEquals(10, grouped.out().lines().filter(l -> l.contains(": no caption file")).count(), grouped.out());
        assertTrue(grouped.out().contains("... and 3 more no-caption"), grouped.out());
        Run all = run("scan", dir.resolve("many").toString(), "--all-findings");
        assertEquals(13, all.out().lines().filter(l -> l.contains(": no caption file")).count(), all.out());
    }

    @Test
    void tagsReplaceListUndoRedo() throws IOException {
        Path f = dir.resolve("20_shs dog");
        Files.createDirectories(f);
        Files.write(f.resolve("a.png"), pngBytes(64, 64));
        Files.write(f.resolve("b.png"), pngBytes(64, 65));
        Files.writeString(f.resolve("a.txt"), "shs dog, grass\r\n", StandardCharsets.UTF_8);
        Files.writeString(f.resolve("b.txt"), "shs dog, sky", StandardCharsets.UTF_8);

        Run list = run("tags", dir.toString(), "list");
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("2     2  shs dog"), list.out());

        Run rep = run("tags", dir.toString(), "replace", "grass", "lawn", "--folder", "20_shs dog");
        assertEquals(0, rep.code(), rep.err());
        assertTrue(rep.out().contains("1 caption changed (journal #1)"), rep.out());
        assertTrue(rep.out().contains("+ shs dog, lawn"), rep.out());
        assertEquals("shs dog, lawn\r\n", Files.readString(f.resolve("a.txt")));

        Run add = run("tags", dir.toString(), "add", "solo", "--front", "--where-tag", "sky");
        assertTrue(add.out().contains("1 caption changed"), add.out());
        assertEquals("solo, shs dog, sky", Files.readString(f.resolve("b.txt")));

        assertEquals(0, run("tags", dir.toString(), "undo").code());
        assertEquals("shs dog, sky", Files.readString(f.resolve("b.txt")));
        assertEquals(0, run("tags", dir.toString(), "undo").code());
        assertEquals("shs dog, grass\r\n", Files.readString(f.resolve("a.txt")));
        run("tags", dir.toString(), "redo");
        assertEquals("shs dog, lawn\r\n", Files.readString(f.resolve("a.txt")));

        Run whole = run("tags", dir.toString(), "exclude");
        assertEquals(2, whole.code());
        assertTrue(whole.err().contains("never sets the whole dataset aside"), whole.err());
        Run aside = run("tags", dir.toString(), "exclude", "--where-tag", "sky");
        assertEquals("set aside: 1 image, 1 caption", aside.out().strip(), aside.err());
        assertTrue(Files.exists(f.resolve(".excluded/b.png")) && Files.exists(f.resolve(".excluded/b.txt")));
        Run back = run("tags", dir.toString(), "restore");
        assertEquals("brought back: 1 image, 1 caption", back.out().strip(), back.err());
        assertTrue(Files.exists(f.resolve("b.png")) && !Files.exists(f.resolve(".excluded")));

        Run bad = run("tags", dir.toString(), "replace", "only-one");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("missing tag"), bad.err());
        assertEquals(2, run("tags", dir.toString(), "list", "--folder", "nope").code());
    }

    private static byte[] pngBytes(int w, int h) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_RGB),
                "png", out);
        return out.toByteArray();
    }
}
