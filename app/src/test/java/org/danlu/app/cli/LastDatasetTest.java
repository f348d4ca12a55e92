package org.danlu.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.googlecode.lanterna.input.KeyType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.danlu.app.tui.VirtualStudio;
import org.danlu.app.tui.screen.TestDataset;
import org.danlu.app.tui.screen.dataset.DatasetScreen;
import org.danlu.app.tui.screen.picker.DatasetPicker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** state.json's recent list, and the picker as {@code danlu open} builds it, remembering what it opens. */
class LastDatasetTest {
    @RegisterExtension
    final IsolatedConfig config = new IsolatedConfig();
    @TempDir
    Path data;

    private JsonObject state() throws Exception {
        return JsonParser.parseString(Files.readString(config.stateFile(), StandardCharsets.UTF_8))
                .getAsJsonObject();
    }

    @Test
    void recentIsMostRecentFirstDeDuplicatedAndCappedKeepingOtherKeys() throws Exception {
        Files.writeString(config.stateFile(),
                "{\"theme\": \"danlu-light\", \"lang\": \"zh\", \"future\": {\"a\": [1, 2]}}");
        List<Path> made = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Path d = Files.createDirectories(data.resolve("ds" + i));
            made.add(d);
            LastDataset.remember(d);
        }
        LastDataset.remember(made.get(5)); // again: moves to the front, not listed twice
        List<Path> recent = LastDataset.recent();
        // By hand: after ds0..ds11 the list is ds11..ds2 (ds1, ds0 fell off past 10); ds5 again moves it
        // to the front, so: ds5, ds11..ds6, ds4, ds3, ds2.
        List<Path> expected = new ArrayList<>(List.of(made.get(5)));
        for (int i = 11; i >= 2; i--) {
            if (i != 5) {
                expected.add(made.get(i));
            }
        }
        assertEquals(10, LastDataset.RECENT_MAX);
        assertEquals(expected, recent);
        assertEquals(made.get(2), recent.get(9));
        JsonObject o = state();
        assertEquals(made.get(5).toString(), o.get("lastDataset").getAsString(), "lastDataset is kept as before");
        assertEquals(10, o.getAsJsonArray("recent").size());
        assertEquals("danlu-light", o.get("theme").getAsString());
        assertEquals("zh", o.get("lang").getAsString());
        assertEquals("{\"a\":[1,2]}", o.get("future").toString(), "unknown keys survive untouched");
    }

    @Test
    void aStateFileFromBeforeTheListGivesItsLastDatasetAndGoneOnesAreKeptButNotReopened() throws Exception {
        Path gone = data.resolve("gone");
        Files.writeString(config.stateFile(), "{\"lastDataset\": \"" + gone + "\"}");
        assertEquals(List.of(gone), LastDataset.recent());
        assertEquals(gone, LastDataset.remembered().orElseThrow());
        assertTrue(LastDataset.read().isEmpty(), "a dataset that no longer exists is not reopened");
        Path ds = Files.createDirectories(data.resolve("here"));
        LastDataset.remember(ds);
        assertEquals(List.of(ds, gone), LastDataset.recent());
        Files.writeString(config.stateFile(), "{\"recent\": [\"" + ds + "\", 7, null, \"" + ds + "\"]}");
        assertEquals(List.of(ds), LastDataset.recent(), "odd entries are skipped, duplicates listed once");
    }

    @Test
    void thePickerOfOpenReportsTheGoneDatasetAndOpensAndRemembersTheChosenOne() throws Exception {
        Path gone = data.resolve("old-set");
        Path browse = Files.createDirectories(data.resolve("work"));
        Path ds = TestDataset.basic(browse.resolve("cats"));
        Files.writeString(config.stateFile(), "{\"lastDataset\": \"" + gone + "\", \"theme\": \"danlu-dark\"}");
        try (VirtualStudio ui = new VirtualStudio(80, 24, "en", DatasetPicker.screens(OpenCommand.pickerSetup(browse)))) {
            String text = ui.text();
            assertTrue(text.contains("The last dataset, " + gone), text);
            assertTrue(text.contains("not found"), text);
            ui.key(KeyType.Tab).key(KeyType.ArrowDown); // to the folders, past ".." to cats/
            assertTrue(ui.text().contains("◆ cats/"), ui.text());
            ui.key(KeyType.Enter);
            assertTrue(ui.studio().currentScreen() instanceof DatasetScreen, ui.text());
            assertTrue(ui.text().contains("red.png"), ui.text());
        }
        assertEquals(ds.toAbsolutePath().normalize(), LastDataset.read().orElseThrow());
        assertEquals(List.of(ds.toAbsolutePath().normalize(), gone), LastDataset.recent());
        assertEquals("danlu-dark", state().get("theme").getAsString());
    }
}
