package org.danlu.app.tui.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.danlu.app.tui.DatasetStudio;
import org.danlu.app.tui.VirtualStudio;
import org.danlu.app.tui.screen.tags.TagsScreen;
import org.danlu.engine.config.TrainConfig;
import org.danlu.engine.model.clip.ClipTokenizer;
import org.danlu.engine.model.clip.TinyClipTokenizerJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Tags screen's CLIP token count and its marks for tags past the 75/150/225-token limit, with the
 * tiny CLIP tokenizer (same pipeline as openai/clip-vit-large-patch14, small vocabulary). Expected cuts
 * come from the tokenizer here, counting the tokens of each prefix of the caption, not from the screen's
 * own arithmetic (which uses token offsets in the whole line).
 */
class TagsTokenCountTest {
    @TempDir
    Path dir;
    private final AtomicReference<TrainConfig> config = new AtomicReference<>(TrainConfig.defaults());
    private ClipTokenizer tok;
    /** blue.png's caption: 20 tags of 6 tokens each with the ", " ("tag" t a g, two digits, ","), 119 in all. */
    private final List<String> tags = new ArrayList<>();

    @BeforeEach
    void dataset() throws IOException {
        TestDataset.basic(dir);
        for (int i = 1; i <= 20; i++) {
            tags.add(String.format("tag%02d", i));
        }
        caption();
        tok = ClipTokenizer.open(TinyClipTokenizerJson.write(dir.resolve("model/tokenizer")), ClipTokenizer.SD1_PAD);
        Files.createDirectories(dir.resolve("work"));
        Files.createDirectories(dir.resolve("hub"));
    }

    private void caption() throws IOException {
        TestDataset.caption(dir.resolve("train/10_shs dog/blue.txt"), String.join(", ", tags));
    }

    @AfterEach
    void close() {
        tok.close();
    }

    /** The studio with the Tags screen reading {@link #config}; the hub cache is an empty folder. */
    private VirtualStudio open(int cols, int rows) throws IOException {
        return new VirtualStudio(cols, rows, "en", DatasetStudio.screens(dir, dir.resolve("work"), (studio, training) -> {
            studio.show(1);
            ((TagsScreen) studio.currentScreen()).followTrainingConfig(config::get, dir, dir.resolve("hub"));
            studio.show(0);
        }));
    }

    private int tokens(List<String> order, int through) {
        return tok.tokens(String.join(", ", order.subList(0, through + 1))).length;
    }

    /** Index of the first tag whose prefix (it and all before) has more than {@code limit} tokens, or size. */
    private int firstPast(List<String> order, int limit) {
        for (int i = 0; i < order.size(); i++) {
            if (tokens(order, i) > limit) {
                return i;
            }
        }
        return order.size();
    }

    /** The middle pane's preview as (mark, tag) pieces, in screen order. */
    private static List<String[]> preview(VirtualStudio ui) {
        List<String> rows = ui.rows();
        int top = -1;
        int col = -1;
        for (int r = 0; r < rows.size() && top < 0; r++) {
            col = rows.get(r).indexOf("What the trainer sees");
            top = col >= 0 ? r : -1;
        }
        assertTrue(top >= 0, ui.text());
        StringBuilder text = new StringBuilder();
        for (int r = top + 3; r < rows.size(); r++) {
            String row = rows.get(r);
            String mid = row.length() <= col ? "" : row.substring(col, Math.min(row.length(), col + 44)).strip();
            if (mid.startsWith("CLIP tokens") || mid.isEmpty()) {
                break;
            }
            text.append(mid).append(' ');
        }
        List<String[]> out = new ArrayList<>();
        for (String piece : text.toString().split(",")) {
            String p = piece.strip();
            String mark = p.startsWith("✂") ? "✂" : p.startsWith("┊") ? p.substring(0, p.indexOf(' ')) : "";
            out.add(new String[] {mark, p.substring(mark.length()).strip()});
        }
        return out;
    }

    private static String leftRow(VirtualStudio ui, String tag) {
        // A list row is a two-column mark ("✂ ", "▪ " or blanks) and the tag.
        return ui.rows().stream().map(r -> r.substring(0, Math.min(r.length(), 36)).stripTrailing())
                .filter(r -> r.length() > 2 && r.substring(2).equals(tag)).findFirst()
                .orElseThrow(() -> new AssertionError("no list row for " + tag + " in\n" + ui.text()));
    }

    @Test
    void countAndCutMarksFollowTheTokenizerInBothPanes() throws IOException {
        config.set(TrainConfig.defaults().with("pretrained_model_name_or_path", "model")); // relative to dir
        // Twelve "tagNN, " take tokens 0..71; "abcd" takes 72..75, so only its last token is past 75: it is cut
        // (partly), and a rule off by one token towards the end would keep it.
        tags.add(12, "abcd");
        caption();
        assertEquals(76, tokens(tags, 12), "the caption is built so that abcd straddles the limit");
        try (VirtualStudio ui = open(120, 40)) {
            ui.type("2");
            int total = tok.tokens(String.join(", ", tags)).length;
            assertTrue(total > 75, "the caption must pass the limit for this test: " + total);
            assertTrue(ui.text().contains("CLIP tokens " + total + "/75"), ui.text());

            // The editable list, in file order: the tags past 75 tokens carry the ✂ mark, the others none.
            int cut = firstPast(tags, 75);
            assertEquals(12, cut);
            for (int i = 0; i < tags.size(); i++) {
                String row = leftRow(ui, tags.get(i));
                assertEquals(i >= cut, row.startsWith("✂ "), tags.get(i) + " (first cut: " + tags.get(cut) + "): " + row);
            }
            assertTrue(ui.text().contains("✂ " + (tags.size() - cut) + " tags cut off"), ui.text());

            // The shuffled preview: read its order off the screen and mark what the tokenizer says is past 75.
            List<String[]> shown = preview(ui);
            List<String> order = shown.stream().map(p -> p[1]).toList();
            assertEquals(tags.size(), order.size(), ui.text());
            assertEquals(new java.util.HashSet<>(tags), new java.util.HashSet<>(order), ui.text());
            int shownCut = firstPast(order, 75);
            for (int i = 0; i < order.size(); i++) {
                assertEquals(i >= shownCut ? "✂" : "", shown.get(i)[0], order.get(i) + " in\n" + ui.text());
            }
            // The marked tags are drawn in the TRUNCATED role, not the body's colour.
            String row = ui.rows().stream().filter(r -> r.contains("✂" + order.get(order.size() - 1))).findFirst().orElseThrow();
            int c = row.indexOf("✂" + order.get(order.size() - 1)) + 1;
            int r = ui.rows().indexOf(row);
            assertFalse(ui.cell(c, r).getForegroundColor().equals(ui.cell(0, r).getForegroundColor())
                    && ui.cell(c, r).getModifiers().equals(ui.cell(0, r).getModifiers()), "cut tags stand out by colour too");
        }
    }

    @Test
    void longerMaxTokenLengthMovesTheLimitAndMarksWhereTheSecondWindowBegins() throws IOException {
        config.set(TrainConfig.defaults().with("pretrained_model_name_or_path", dir.resolve("model").toString())
                .with("max_token_length", 150L));
        // "abc" takes tokens 72..74, so the second window begins at the ", " after it: tag13 is the first tag in
        // it, and a rule off by one token towards the start would put the mark before abc.
        tags.add(12, "abc");
        caption();
        assertEquals(75, tokens(tags, 12), "the caption is built so that the first window ends with abc");
        try (VirtualStudio ui = open(120, 40)) {
            ui.type("2").key(com.googlecode.lanterna.input.KeyType.End).type("b"); // keep every tag: file order
            int total = tok.tokens(String.join(", ", tags)).length;
            assertTrue(total > 75 && total <= 150, "between one and two windows: " + total);
            assertTrue(ui.text().contains("CLIP tokens " + total + "/150 (2 windows"), ui.text());
            assertFalse(ui.text().contains("✂"), "nothing is cut under 150:\n" + ui.text());

            List<String[]> shown = preview(ui);
            List<String> order = shown.stream().map(p -> p[1]).toList();
            assertEquals(tags, order, "all tags kept: the preview is in file order");
            int second = firstPast(order, 75);
            assertEquals(13, second);
            for (int i = 0; i < order.size(); i++) {
                assertEquals(i == second ? "┊75" : "", shown.get(i)[0], order.get(i) + " in\n" + ui.text());
            }
        }
    }

    @Test
    void withoutATokenizerAHintSaysHowToGetOneAndChangingTheModelLoadsIt() throws IOException {
        try (VirtualStudio ui = open(80, 24)) {
            ui.type("2");
            String text = ui.text();
            assertTrue(text.contains("No CLIP tokenizer"), text);
            assertTrue(text.contains("tokenizer.json in the HF") && text.contains("cache."), "the whole hint fits at 80x24:\n" + text);
            assertFalse(text.contains("Exception") || text.contains("\tat "), text);
            assertFalse(text.contains("CLIP tokens"), text);

            // The model path changes in the training config: the next frame loads that model's tokenizer.
            config.set(TrainConfig.defaults().with("pretrained_model_name_or_path", "model"));
            ui.type(" ");
            int blue = tok.tokens(String.join(", ", tags)).length;
            assertTrue(ui.text().contains("CLIP tokens " + blue + "/75"), ui.text());
            assertFalse(ui.text().contains("No CLIP tokenizer"), ui.text());
        }
    }

    @Test
    void theModelSetOnTheParamsScreenGivesTheTokenizer() throws IOException {
        // Wired as the studio wires it: the Tags screen follows the Params screen's configuration.
        AtomicReference<org.danlu.app.tui.screen.params.ParamsScreen> params = new AtomicReference<>();
        Path work = dir.resolve("work");
        try (VirtualStudio ui = new VirtualStudio(80, 24, "en", DatasetStudio.screens(dir, work, (studio, training) -> {
            studio.show(1);
            ((TagsScreen) studio.currentScreen()).followTrainingConfig(training.params()::config, work, dir.resolve("hub"));
            params.set(training.params());
            studio.show(0);
        }))) {
            ui.type("2");
            assertTrue(ui.text().contains("No CLIP tokenizer"), "the preset names a hub model that is not cached:\n" + ui.text());
            ui.type("4");
            params.get().select("pretrained_model_name_or_path");
            ui.key(com.googlecode.lanterna.input.KeyType.Enter);
            for (int i = 0; i < 60; i++) {
                ui.key(com.googlecode.lanterna.input.KeyType.Backspace);
            }
            ui.type(dir.resolve("model").toString()).key(com.googlecode.lanterna.input.KeyType.Enter);
            assertEquals(dir.resolve("model").toString(), params.get().config().pretrainedModelNameOrPath());
            ui.type("2");
            int blue = tok.tokens(String.join(", ", tags)).length;
            assertTrue(ui.text().contains("CLIP tokens " + blue + "/75"), ui.text());
        }
    }

    @Test
    void aBrokenTokenizerFileSaysWhyInOneNoteWithoutAStackTrace() throws IOException {
        Path bad = dir.resolve("bad/tokenizer/tokenizer.json");
        Files.createDirectories(bad.getParent());
        Files.writeString(bad, "{ not json");
        config.set(TrainConfig.defaults().with("pretrained_model_name_or_path", "bad"));
        try (VirtualStudio ui = open(160, 30)) {
            ui.type("2");
            String text = ui.text();
            assertTrue(text.contains("Tokenizer unusable: not valid JSON"), text);
            assertFalse(text.contains("Exception") || text.contains("\tat "), text);
            // Drawn as a warning: the first cell of the note is in the WARN role, not the body's dim text.
            int row = ui.rows().stream().filter(r -> r.contains("Tokenizer unusable")).findFirst().map(ui.rows()::indexOf).orElseThrow();
            int col = ui.rows().get(row).indexOf("Tokenizer unusable");
            int hint = ui.rows().stream().filter(r -> r.contains("Space reshuffles")).findFirst().map(ui.rows()::indexOf).orElseThrow();
            assertFalse(ui.cell(col, row).getForegroundColor().equals(ui.cell(col, hint).getForegroundColor()), text);
        }
    }
}
