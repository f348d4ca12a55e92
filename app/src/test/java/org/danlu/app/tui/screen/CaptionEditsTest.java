package org.danlu.app.tui.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import java.nio.file.Path;
import java.util.List;
import org.danlu.app.tui.DatasetStudio;
import org.danlu.app.tui.Studio;
import org.danlu.app.tui.VirtualStudio;
import org.danlu.app.tui.i18n.Messages;
import org.danlu.app.tui.state.Browse;
import org.danlu.app.tui.state.DatasetModel;
import org.danlu.app.tui.state.Store;
import org.danlu.engine.dataset.TagEdit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edit descriptions in the user's language: English reads as the engine's journal text, Chinese is translated. */
class CaptionEditsTest {
    @TempDir
    Path dir;

    private static final List<TagEdit> EVERY_KIND = List.of(
            new TagEdit.Add("shs", TagEdit.Position.FRONT, 0), new TagEdit.Add("shs", TagEdit.Position.BACK, 0),
            new TagEdit.Add("shs", TagEdit.Position.AFTER_KEEP, 2), new TagEdit.Remove("grass"),
            new TagEdit.Replace("1girl", "1woman"), new TagEdit.MoveToFront("smile"),
            new TagEdit.Sort(TagEdit.Order.ALPHABETICAL, 0), new TagEdit.Sort(TagEdit.Order.FREQUENCY, 1),
            new TagEdit.Dedupe(), new TagEdit.Normalize(true, true), new TagEdit.Normalize(false, false),
            new TagEdit.SetTags(List.of("a", "b", "|||", "c")));

    private final List<Store> stores = new java.util.ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void closeStores() {
        stores.forEach(Store::close);
    }

    private CaptionEdits edits(String lang) {
        Store store = new Store();
        stores.add(store);
        Studio host = new Studio(Messages.forLang(lang), store, "test");
        DatasetModel model = new DatasetModel(dir);
        return new CaptionEdits(host, model, new Browse(model));
    }

    @Test
    void englishMatchesTheEngineAndChineseIsTranslated() {
        CaptionEdits en = edits("en");
        CaptionEdits zh = edits("zh");
        for (TagEdit e : EVERY_KIND) {
            assertEquals(e.describe(), en.describe(e), e.toString());
            String z = zh.describe(e);
            assertNotEquals(e.describe(), z, e.toString());
            assertFalse(z.contains("!edit."), z);
            assertTrue(z.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN), z);
        }
        assertEquals("把 1girl 替换为 1woman", zh.describe(new TagEdit.Replace("1girl", "1woman")));
    }

    @Test
    void theChineseConfirmationAndFlashNameTheEditInChinese() throws Exception {
        TestDataset.basic(dir);
        try (VirtualStudio ui = new VirtualStudio(80, 24, "zh", DatasetStudio.screens(dir))) {
            ui.type(":replace grass lawn").key(KeyType.Enter);
            assertTrue(ui.text().contains("把 grass 替换为 lawn"), ui.text());
            ui.type("y");
            assertTrue(ui.rows().get(23).startsWith("完成：把 grass 替换为"), ui.rows().get(23));
            // The journal keeps the words the user saw: undo says them again, in Chinese.
            ui.type(":undo").key(KeyType.Enter);
            assertTrue(ui.rows().get(23).startsWith("已撤销：把 grass 替换为"), ui.rows().get(23));
        }
    }
}
