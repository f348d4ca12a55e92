package org.danlu.engine.train.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** A1111's parameters text, kohya's file names and kohya's sampling moments. */
class SampleParametersTest {
    @Test
    void valuesAreQuotedAsA1111QuoteDoes() {
        // A1111 modules/generation_parameters_copypaste.quote: as is unless ',', '\n' or ':' → json.dumps
        assertEquals("sd15", SampleParameters.quote("sd15"));
        assertEquals("\"a, b\"", SampleParameters.quote("a, b"));
        assertEquals("\"x:1\"", SampleParameters.quote("x:1"));
        // json.dumps escapes quotes, backslashes and (ensure_ascii) non-ASCII: "角色" → "\u89d2\u8272"
        assertEquals("\"say \\\"hi\\\", \\\\ \\u89d2\\u8272\"", SampleParameters.quote("say \"hi\", \\ 角色"));
    }

    @Test
    void noNegativeLineWhenThereIsNoNegativeAndDefaultClipSkipIsLeftOut() {
        SampleRequest r = new SampleRequest("a cat", "", 512, 512, 7, true, 30, 7.5, Sampler.DDIM);
        String p = SampleParameters.format(r, new RenderSettings(1, SchedulerConfig.sd(), null, null), null, null);
        assertEquals("a cat\nSteps: 30, Sampler: DDIM, CFG scale: 7.5, Seed: 7, Size: 512x512, Version: Danlu", p);
    }

    @Test
    void kohyaFileNames() {
        LocalDateTime t = LocalDateTime.of(2026, 1, 2, 3, 4, 5);
        // kohya: f"{output_name + '_'}{num_suffix}_{i:02d}_{ts_str}{seed_suffix}.png"
        assertEquals("lora_000150_03_20260102030405_42.png",
                SampleFileName.of("lora", SampleFileName.step(150), 3, t, 42L));
        assertEquals("e000007_12_20260102030405.png", SampleFileName.of(null, SampleFileName.epoch(7), 12, t, null));
        assertEquals("00_20260102030405.png", SampleFileName.of("", null, 0, t, null));
    }

    @Test
    void kohyaSamplingMoments() {
        SampleSchedule steps = new SampleSchedule(100, null, false);
        assertTrue(steps.atStep(200));
        assertFalse(steps.atStep(150));
        assertFalse(steps.atEpochEnd(1)); // with only the step setting, epoch ends do not sample
        SampleSchedule epochs = new SampleSchedule(100, 2, true);
        assertFalse(epochs.atStep(200)); // the epoch setting overrides the step setting
        assertTrue(epochs.atEpochEnd(4));
        assertFalse(epochs.atEpochEnd(3));
        assertTrue(epochs.atFirst());
    }
}
