package org.danlu.engine.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rename across 10,000 captions through the journaled write path: correctness only, never time. */
class TagEditorBulkTest {

    @TempDir
    Path root;

    @Test
    void aRenameAcrossTenThousandCaptionsChangesEveryOneAndUndoesByteForByte() throws IOException {
        byte[] png = TestImages.png(64, 64);
        List<Path> captions = new ArrayList<>();
        List<byte[]> before = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Path dir = root.resolve((i % 10 + 1) + "_set" + (i % 10));
            Files.createDirectories(dir);
            Files.write(dir.resolve("img" + i + ".png"), png);
            // varied bytes: a BOM on some, CRLF on others, the tag in different places
            String text = (i % 7 == 0 ? "\uFEFF" : "") + "shs, tag" + i + ", old tag, x" + (i % 3 == 0 ? "\r\n" : "\n");
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            captions.add(Files.write(dir.resolve("img" + i + ".txt"), b));
            before.add(b);
        }
        DatasetScan scan = new DatasetScanner().scan(root);
        assertEquals(10_000, scan.imageCount());

        EditResult r = new TagEditor(root).apply(scan, Selection.all(), new TagEdit.Replace("old tag", "new tag"));
        assertEquals(10_000, r.changes().size());
        assertEquals(List.of(), r.conflicts());
        for (int i = 0; i < captions.size(); i++) {
            String expected = new String(before.get(i), StandardCharsets.UTF_8).replace("old tag", "new tag");
            assertEquals(expected, Files.readString(captions.get(i), StandardCharsets.UTF_8), captions.get(i).toString());
        }
        try (Stream<Path> s = Files.list(root.resolve(".danlu/journal"))) {
            assertEquals(List.of("000001.json", "head"), s.map(p -> p.getFileName().toString()).sorted().toList(),
                    "the entry is marked complete (no pending file left)");
        }

        EditResult u = new TagEditor(root).undo();
        assertEquals(10_000, u.changes().size());
        for (int i = 0; i < captions.size(); i++) {
            assertArrayEquals(before.get(i), Files.readAllBytes(captions.get(i)), captions.get(i).toString());
        }
        try (Stream<Path> s = Files.walk(root)) {
            assertEquals(List.of(), s.filter(p -> p.toString().endsWith(".danlu-tmp")).toList());
        }
    }
}
