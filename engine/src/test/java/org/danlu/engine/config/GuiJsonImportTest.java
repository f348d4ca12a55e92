package org.danlu.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Imports the kohya_ss GUI examples in ../shared/examples. */
class GuiJsonImportTest {

    @Test
    void basicSettingsExample() throws IOException {
        GuiJsonImport.Result r = GuiJsonImport.read(SharedFiles.path("examples/LoraBasicSettings.json"));
        TrainConfig c = r.config();
        // "max_resolution": "512,512" -> resolution "512" (a string, as kohya needs it)
        assertEquals("512", c.get("resolution"));
        // string numbers: "0.0001", "5e-5", "1234"
        assertEquals(1e-4, c.get("learning_rate"));
        assertEquals(1e-4, c.get("unet_lr"));
        assertEquals(List.of(5e-5), c.get("text_encoder_lr"));
        assertEquals(1234L, c.get("seed"));
        assertEquals(2L, c.get("train_batch_size"));
        // "gradient_accumulation_steps": 1.0 for an integer option -> 1
        assertEquals(1L, c.get("gradient_accumulation_steps"));
        // "network_alpha": 128 stays an integer, "prior_loss_weight": 1.0 stays a float
        assertEquals(128L, c.get("network_alpha"));
        assertEquals(1.0, c.get("prior_loss_weight"));
        // GUI keys mapped: epoch -> max_train_epochs, use_8bit_adam -> AdamW8bit, lr_warmup 0 -> 0 steps
        assertEquals(1L, c.get("max_train_epochs"));
        assertEquals("AdamW8bit", c.get("optimizer_type"));
        assertEquals(0L, c.get("lr_warmup_steps"));
        assertEquals("networks.lora", c.get("network_module"));
        assertEquals(".txt", c.get("caption_extension"));
        assertEquals("C:/Users/ohmni/AI/SAMPLE IMAGES/ADAMS/LORA OUTPUT/img", c.trainDataDir());
        // "" = unset; false store_true flags = kohya's default; "75" tokens = the default
        assertFalse(c.isSet("reg_data_dir"));
        assertFalse(c.isSet("resume"));
        assertFalse(c.isSet("lr_scheduler_num_cycles"));
        assertFalse(c.isSet("v2"));
        assertFalse(c.isSet("max_token_length"));
        // an sd-scripts option Danlu does not model: kept, its string number made a number
        assertEquals(1L, c.get("max_data_loader_n_workers"));
        assertEquals(List.of("num_cpu_threads_per_process", "stop_text_encoder_training", "model_list"), r.notImported());
        assertTrue(r.notes().contains("max_resolution \"512,512\" -> resolution = \"512\""), r.notes().toString());
    }

    @Test
    void lowVramExampleAndRoundTripThroughToml() throws IOException {
        GuiJsonImport.Result r = GuiJsonImport.read(SharedFiles.path("examples/LoraLowVRAMSettings.json"));
        TrainConfig c = r.config();
        assertEquals(1L, c.get("train_batch_size"));
        assertEquals(true, c.get("gradient_checkpointing"));
        assertEquals(true, c.get("mem_eff_attn"));
        assertEquals("fp16", c.get("mixed_precision"));
        String toml = ConfigFileWriter.write(c, List.of());
        ConfigFile back = ConfigFileReader.parse(toml, "import.toml");
        assertEquals(List.of(), back.syntaxErrors());
        assertEquals(c.entries(), back.config().entries());
        assertEquals(List.copyOf(c.entries().keySet()), List.copyOf(back.config().entries().keySet()));
    }

    @Test
    void warmupPercentBecomesARatioAndLoconGoesToNetworkArgs() {
        GuiJsonImport.Result r = GuiJsonImport.parse("""
                {"lr_warmup": "10", "max_resolution": "768,512", "LoRA_type": "Kohya LoCon",
                 "conv_dim": 8, "conv_alpha": 1, "optimizer": "Prodigy", "use_8bit_adam": true,
                 "lora_network_weights": "/w/prev.safetensors", "network_args": "", "epoch": 5, "max_train_steps": ""}
                """, "gui.json");
        TrainConfig c = r.config();
        assertEquals(0.1, c.get("lr_warmup_steps"));
        assertEquals("768,512", c.get("resolution"));
        assertEquals(List.of("conv_dim=8", "conv_alpha=1"), c.get("network_args"));
        assertEquals(8, c.convDim());
        assertEquals("Prodigy", c.get("optimizer_type"));
        assertEquals("/w/prev.safetensors", c.networkWeights());
        assertEquals(5L, c.get("max_train_epochs"));
    }

    @Test
    void badValuesNameTheFileAndKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GuiJsonImport.parse("{\"train_batch_size\": \"two\"}", "gui.json"));
        assertEquals("gui.json: key train_batch_size = \"two\" must be an integer: fix it in the JSON or in the GUI",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GuiJsonImport.parse("[1]", "gui.json"));
        assertThrows(IllegalArgumentException.class, () -> GuiJsonImport.parse("{", "gui.json"));
    }
}
