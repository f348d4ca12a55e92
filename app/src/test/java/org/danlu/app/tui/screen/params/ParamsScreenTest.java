package org.danlu.app.tui.screen.params;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.danlu.app.tui.TrainingScreens;
import org.danlu.app.tui.VirtualStudio;
import org.danlu.app.tui.screen.placeholder.ComingScreen;
import org.danlu.app.tui.screen.train.RunFixture;
import org.danlu.engine.bucket.Resolution;
import org.danlu.engine.bucket.RunPlan;
import org.danlu.engine.config.ConfigFileReader;
import org.danlu.engine.config.TrainConfig;
import org.danlu.engine.dataset.DatasetScanner;
import org.danlu.engine.dataset.SampleDataset;
import org.danlu.engine.run.LaunchSpec;
import org.danlu.engine.run.RunDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Params screen on an 80x24 virtual terminal over the generated sample dataset. */
class ParamsScreenTest {
    @TempDir
    Path ws;

    private TrainingScreens ts;

    private VirtualStudio studio(String lang) throws Exception {
        Path data = ws.resolve("demo");
        SampleDataset.generate(data.resolve("train"), 42);
        VirtualStudio ui = new VirtualStudio(80, 24, lang, s -> {
            for (String t : List.of("screen.dataset", "screen.tags", "screen.buckets")) {
                s.addScreen(new ComingScreen(t, s.messages()));
            }
            ts = TrainingScreens.add(s, ws, data, run -> LaunchSpec.of(FakeTrainerMain.class.getName(),
                    List.of(run.path().toString())), ws.resolve("presets"));
        });
        ui.type("4");
        RunFixture.until(ui, () -> ts.params().planned(), "the dataset scan and plan");
        return ui;
    }

    /** Selects an option by walking the list with j, as a user would; the detail pane names the selection. */
    private void go(VirtualStudio ui, String key) throws Exception {
        for (int i = 0; i < 10; i++) {
            ui.key(KeyType.PageUp);
        }
        for (int i = 0; i < 100 && !selectedKey(ui).equals(key); i++) {
            ui.type("j");
        }
        assertEquals(key, selectedKey(ui), ui.text());
    }

    private static String selectedKey(VirtualStudio ui) {
        String top = ui.rows().get(1);
        return top.substring(top.indexOf('│') + 1).strip();
    }

    /** The list row of the selected option (its mark column and value). */
    private static String selectedRow(VirtualStudio ui) {
        String key = selectedKey(ui);
        String shown = key.substring(0, Math.min(25, key.length())); // long names are cut with "…"
        return ui.rows().stream().filter(r -> r.length() > 1 && r.substring(1).startsWith(shown)).findFirst().orElse("");
    }

    @Test
    void opensWithTheWorkspacesTrainToml() throws Exception {
        Files.writeString(ws.resolve(ParamsScreen.WORKSPACE_CONFIG), "# mine\nlearning_rate = 0.00042\nnetwork_dim = 12\n");
        try (VirtualStudio ui = studio("en")) {
            RunFixture.until(ui, () -> ts.params().config().networkDim() == 12, "the workspace config loaded");
            go(ui, "learning_rate");
            assertTrue(selectedRow(ui).contains("0.00042"), selectedRow(ui));
        }
    }

    @Test
    void groupsHelpAndStepsFromTheBucketPlan() throws Exception {
        try (VirtualStudio ui = studio("en")) {
            String text = ui.text();
            assertTrue(text.contains("▶ Start training"), text);
            assertTrue(text.contains("── Model ──") && text.contains("── Dataset ──"), text);
            // The steps shown are the engine's plan for the same dataset and preset (batch 2, 1 epoch).
            TrainConfig basic = ts.params().config();
            var scan = new DatasetScanner().scan(ws.resolve("demo"));
            RunPlan plan = RunPlan.of(basic.bucketSettings(Resolution.square(512)), basic.trainBatchSize(),
                    basic.gradientAccumulationSteps(), basic.maxTrainEpochs(), null, org.danlu.engine.bucket.ScanInputs.of(scan));
            assertTrue(text.contains("steps per epoch " + plan.steps().updateStepsPerEpoch() + ", total "
                    + plan.steps().maxTrainSteps()), text);
        }
    }

    @Test
    void validationMessagesAppearAsYouEditAndBlockTheStart() throws Exception {
        try (VirtualStudio ui = studio("en")) {
            go(ui, "network_train_unet_only");
            ui.type(" ");
            go(ui, "network_train_text_encoder_only");
            ui.type(" ");
            String text = ui.text();
            assertTrue(text.contains("1 error(s)"), text);
            assertTrue(text.contains("cannot be set together with"), text);
            assertTrue(selectedRow(ui).startsWith("!"), "the option is marked: " + selectedRow(ui));

            ui.type("T");
            String bar = ui.rows().get(23);
            assertTrue(bar.startsWith("Cannot start: 1 error(s)"), bar);
            assertFalse(Files.exists(RunDir.runsDir(ws)), "nothing launched");

            ui.type(" "); // fixed: back to one of the two
            assertTrue(ui.text().contains("0 error(s)") || ui.text().contains("No problems"), ui.text());
            // Options with allowed values step through them in the catalogue's order.
            List<String> order = org.danlu.engine.config.ConfigKeys.LR_SCHEDULERS;
            int at = order.indexOf("constant"); // the preset's scheduler
            go(ui, "lr_scheduler");
            ui.type("+");
            assertEquals(order.get(at + 1), ts.params().config().get("lr_scheduler"));
            ui.type("-").type("-");
            assertEquals(order.get(at - 1), ts.params().config().get("lr_scheduler"));
            assertTrue(ts.params().issues().stream().noneMatch(org.danlu.engine.config.ConfigIssue::isError),
                    ts.params().issues().toString());

            // A typed value that is not the type is refused with the option's name.
            go(ui, "network_dim");
            ui.key(KeyType.Enter);
            ui.type("x").key(KeyType.Enter); // "128x"
            assertTrue(ui.rows().get(23).contains("network_dim: \"128x\" is not"), ui.rows().get(23));
            assertEquals(128L, ts.params().config().get("network_dim"));
        }
    }

    @Test
    void loadingATomlShowsItsProblemsAndSavingPatchesItInPlace() throws Exception {
        Path toml = ws.resolve("mine.toml");
        Files.writeString(toml, "# my settings\nnetwork_dim = \"big\"\nlearning_rate = 1e-4\n");
        try (VirtualStudio ui = studio("en")) {
            ui.type("L").type("mine.toml").key(KeyType.Enter);
            RunFixture.until(ui, () -> ui.rows().get(23).startsWith("Loaded"), "the file loaded");
            assertTrue(ts.params().issues().stream().anyMatch(i -> i.isError() && "network_dim".equals(i.key())
                    && i.line() == 2), ts.params().issues().toString());
            go(ui, "network_dim");
            assertTrue(selectedRow(ui).startsWith("!"), selectedRow(ui));
            assertTrue(ui.text().contains("network_dim: value \"big\" must be an"), ui.text());
            ui.key(KeyType.Enter);
            for (int i = 0; i < 3; i++) {
                ui.key(KeyType.Backspace);
            }
            ui.type("16").key(KeyType.Enter);
            ui.type("S").key(KeyType.Enter); // the prompt offers the loaded file
            RunFixture.until(ui, () -> ui.rows().get(23).startsWith("Saved"), "saved");
            // The loaded file is patched: its comment and other lines stay, only the value changed.
            assertEquals("# my settings\nnetwork_dim = 16\nlearning_rate = 1e-4\n", Files.readString(toml));
        }
    }

    @Test
    void importsAKohyaSsGuiJson() throws Exception {
        Path json = Path.of("../shared/examples/LoraLowVRAMSettings.json").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(json), "the shared examples are missing: " + json + " (run from the project root)");
        try (VirtualStudio ui = studio("en")) {
            ui.type("I").type(json.toString()).key(KeyType.Enter);
            RunFixture.until(ui, () -> ui.rows().get(23).startsWith("Imported"), "the import");
            // The GUI file's own values arrive (compare with the engine's reading of the same file).
            var expected = org.danlu.engine.config.GuiJsonImport.read(json).config();
            assertEquals(expected, ts.params().config());
            assertTrue(ts.params().status().startsWith(json + " · "), ts.params().status());
            assertFalse(ts.params().hasUnsaved(), "nothing typed yet");
            go(ui, "seed");
            ui.key(KeyType.Enter).type("7").key(KeyType.Enter);
            assertTrue(ts.params().status().endsWith("not saved to a file"), ts.params().status());
            ui.type("q");
            assertTrue(ui.text().contains("Quit Danlu?"), "an edit not saved makes q ask first:\n" + ui.text());
            ui.type("n");
            assertTrue(ui.studio().running());
        }
    }

    @Test
    void builtInAndUserPresets() throws Exception {
        try (VirtualStudio ui = studio("en")) {
            ui.type("P").type("low-VRAM").key(KeyType.Enter);
            RunFixture.until(ui, () -> ui.rows().get(23).startsWith("Loaded preset:low-VRAM"), "the low-VRAM preset");
            assertEquals(org.danlu.engine.config.Presets.load("low-VRAM").config(), ts.params().config());

            go(ui, "network_dim");
            ui.key(KeyType.Enter);
            for (int i = 0; i < 4; i++) {
                ui.key(KeyType.Backspace);
            }
            ui.type("8").key(KeyType.Enter);
            ui.type("W").type("tiny-rank").key(KeyType.Enter);
            Path saved = ws.resolve("presets/tiny-rank.toml");
            RunFixture.until(ui, () -> Files.exists(saved), "the user preset file");
            assertEquals(8L, ConfigFileReader.read(saved).config().get("network_dim"));

            ui.type("P").type("basic").key(KeyType.Enter);
            RunFixture.until(ui, () -> Long.valueOf(128).equals(ts.params().config().get("network_dim")), "basic again");
            ui.type("P");
            assertTrue(ui.rows().get(23).contains("basic, low-VRAM, tiny-rank"), "the prompt lists user presets: " + ui.rows().get(23));
            ui.type("tiny-rank").key(KeyType.Enter);
            RunFixture.until(ui, () -> Long.valueOf(8).equals(ts.params().config().get("network_dim")), "the user preset");
        }
    }

    @Test
    void derivedValuesFollowRankAlphaAndPrecision() throws Exception {
        try (VirtualStudio ui = studio("zh")) {
            go(ui, "network_dim");
            ui.key(KeyType.Enter);
            ui.key(KeyType.Backspace).key(KeyType.Backspace).key(KeyType.Backspace).type("32").key(KeyType.Enter);
            go(ui, "network_alpha");
            ui.key(KeyType.Enter);
            ui.key(KeyType.Backspace).key(KeyType.Backspace).key(KeyType.Backspace).type("16").key(KeyType.Enter);
            String text = ui.text();
            // alpha/rank = 16/32 = 0.5; unet_lr 1e-4 of the preset becomes 5.0e-5 effective.
            assertTrue(text.contains("倍率 alpha/秩 0.5：有效学习率 UNet"), text);
            assertTrue(text.contains("│ 5.0e-5，文本编码器 2.5e-5"), text);
            // SD 1.x, UNet + text encoder: 589,824 weights per rank x 32 x 2 bytes (bf16) = 37,748,736 B.
            assertTrue(text.contains("LoRA 文件约 37.7 MB"), text);
        }
    }

    @Test
    void startTrainingWritesTheConfigLaunchesAndSwitchesToTrain() throws Exception {
        try (VirtualStudio ui = studio("en")) {
            ui.type("T");
            String dialog = ui.text();
            assertTrue(dialog.contains("Start training?"), dialog);
            assertTrue(dialog.contains("images x repeats"), dialog);
            ui.type("y");
            RunFixture.until(ui, () -> ui.studio().currentIndex() == TrainingScreens.TRAIN, "the Train screen");
            RunDir run = ts.train().attached().orElseThrow();
            TrainConfig written = ConfigFileReader.read(run.configFile()).config();
            assertEquals(run.outputDir().toString(), written.outputDir());
            // The demo keeps its folders under train/: kohya's train_data_dir is that folder.
            assertEquals(ws.resolve("demo/train").toAbsolutePath().toString(), written.trainDataDir());
            RunFixture.until(ui, () -> ui.rows().get(1).contains("done"), "the fake trainer's run in Train");
            assertTrue(ui.rows().get(1).contains("step 3/3"), ui.rows().get(1));
            assertTrue(ui.text().contains("config has output_dir: true"), ui.text());
            ts.train().close();
        }
    }
}
