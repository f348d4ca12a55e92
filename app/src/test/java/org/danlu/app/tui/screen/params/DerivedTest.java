package org.danlu.app.tui.screen.params;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.danlu.engine.config.ConfigKeys;
import org.danlu.engine.config.TrainConfig;
import org.junit.jupiter.api.Test;

/** What Params derives from a configuration alone (no dataset): notes, scale, size, value parsing. */
class DerivedTest {
    private static List<String> notes(Map<String, Object> entries) {
        return Derived.of(TrainConfig.of(entries), null).notes().stream().map(Derived.Note::key).toList();
    }

    @Test
    void notesOnHowOptionsInteract() {
        assertEquals(List.of("params.note.eightBit"), notes(Map.of("optimizer_type", "AdamW8bit")));
        assertEquals(List.of("params.note.adafactor"), notes(Map.of("optimizer_type", "Adafactor", "lr_scheduler", "cosine")));
        assertEquals(List.of(), notes(Map.of("optimizer_type", "Adafactor", "lr_scheduler", "adafactor")));
        assertEquals(List.of("params.note.warmupIgnored"), notes(Map.of("lr_scheduler", "adafactor", "lr_warmup_steps", 100L)));
        assertEquals(List.of("params.note.warmupIgnored"), notes(Map.of("lr_scheduler", "piecewise_constant", "lr_warmup_steps", 0.1)));
        assertEquals(List.of(), notes(Map.of("lr_scheduler", "cosine", "lr_warmup_steps", 100L)));
        var eight = Derived.of(TrainConfig.of(Map.of("optimizer_type", "PagedLion8bit")), null).notes().get(0);
        assertEquals("Lion", eight.args()[1], "the 32-bit form trained instead");
    }

    @Test
    void scaleAndSizeFollowRankAlphaAndWhatIsTrained() {
        // kohya's defaults: rank 4, alpha 1 -> scale 0.25; fp32 save: (423,936 + 165,888) x 4 x 4 B.
        Derived d = Derived.of(TrainConfig.defaults(), null);
        assertEquals(0.25, d.scale(), 1e-12);
        assertEquals(589_824L * 4 * 4, d.loraBytes());
        assertEquals("noDataset", d.planProblem());
        // UNet only, SD 2.x, fp16: 432,128 x 16 x 2 B.
        Derived unet = Derived.of(TrainConfig.of(Map.of("v2", true, "network_train_unet_only", true,
                "network_dim", 16L, "save_precision", "fp16")), null);
        assertEquals(432_128L * 16 * 2, unet.loraBytes());
    }

    @Test
    void typedTextBecomesTomlValues() {
        assertEquals(true, ParamValues.parse(ConfigKeys.find("cache_latents"), "yes"));
        assertEquals(32L, ParamValues.parse(ConfigKeys.find("network_dim"), "32"));
        assertEquals(1e-4, ParamValues.parse(ConfigKeys.find("learning_rate"), "1e-4"));
        assertEquals(100L, ParamValues.parse(ConfigKeys.find("lr_warmup_steps"), "100"));
        assertEquals(0.05, ParamValues.parse(ConfigKeys.find("lr_warmup_steps"), "0.05"));
        assertEquals(List.of("conv_dim=8", "conv_alpha=1"), ParamValues.parse(ConfigKeys.find("network_args"), "conv_dim=8, conv_alpha=1"));
        assertEquals(List.of(5e-5, 1e-5), ParamValues.parse(ConfigKeys.find("text_encoder_lr"), "5e-5, 1e-5"));
        assertEquals(5e-5, ParamValues.parse(ConfigKeys.find("text_encoder_lr"), "5e-5"));
        assertEquals("768,512", ParamValues.parse(ConfigKeys.find("resolution"), "\"768,512\""));
        assertEquals(null, ParamValues.parse(ConfigKeys.find("seed"), "  "));
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ParamValues.parse(ConfigKeys.find("learning_rate"), "fast"));
        assertTrue(e.getMessage().startsWith("learning_rate: \"fast\" is not a number"), e.getMessage());
        assertEquals("conv_dim=8, conv_alpha=1", ParamValues.editText(List.of("conv_dim=8", "conv_alpha=1")));
    }
}
