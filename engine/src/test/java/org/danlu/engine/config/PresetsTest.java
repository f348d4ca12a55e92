package org.danlu.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PresetsTest {

    @Test
    void presetsEqualTheImportedExamplesWithoutPaths() throws IOException {
        for (String[] p : new String[][] {{"basic", "LoraBasicSettings.json"}, {"low-VRAM", "LoraLowVRAMSettings.json"}}) {
            ConfigFile preset = Presets.load(p[0]);
            assertEquals(List.of(), preset.syntaxErrors());
            TrainConfig imported = GuiJsonImport.read(SharedFiles.path("examples/" + p[1])).config();
            for (String k : List.of("train_data_dir", "output_dir", "logging_dir", "output_name")) {
                imported = imported.without(k);
            }
            assertEquals(imported.entries(), preset.config().entries(), p[0]);
        }
        assertEquals(1, Presets.load("low-VRAM").config().trainBatchSize());
        assertEquals(true, Presets.load("low-vram").config().gradientCheckpointing());
        assertEquals(2, Presets.load("basic").config().trainBatchSize());
    }

    @Test
    void presetsOnlyLackTheUsersPaths() {
        List<String> findings = ConfigValidator.validate(Presets.load("basic"), null).stream()
                .map(ConfigIssue::toString).toList();
        assertEquals(List.of("preset:basic: error: train_data_dir: not set: give the parent folder of the N_name"
                        + " image folders (or a dataset_config)",
                "preset:basic:43:1: warning: max_data_loader_n_workers: not an option Danlu knows;"
                        + " kept as is and passed on to kohya"), findings);
    }

    @Test
    void unknownPreset() {
        assertEquals("no preset named \"fast\": use one of basic, low-VRAM",
                assertThrows(IllegalArgumentException.class, () -> Presets.load("fast")).getMessage());
    }
}
