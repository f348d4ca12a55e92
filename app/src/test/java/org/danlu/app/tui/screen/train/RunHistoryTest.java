package org.danlu.app.tui.screen.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.danlu.engine.run.Event;
import org.danlu.engine.run.RunDir;
import org.danlu.engine.run.RunSummary;
import org.junit.jupiter.api.Test;

/** The Train screen's model without a terminal: smoothing, the GPU query's parsing, event folding. */
class RunHistoryTest {
    @Test
    void smoothingIsADebiasedMovingAverage() {
        // w = 0.5: m1 = 0.5*1 = 0.5, debiased 0.5/(1-0.5) = 1; m2 = 0.5*0.5 + 0.5*3 = 1.75, /(1-0.25) = 7/3.
        // A NaN leaves the average where it was: m stays 1.75 with 2 values seen.
        double[] s = RunHistory.smooth(new double[] {1, 3, Double.NaN}, 3, 0.5);
        assertEquals(1.0, s[0], 1e-12);
        assertEquals(7.0 / 3, s[1], 1e-12);
        assertEquals(7.0 / 3, s[2], 1e-12);
    }

    @Test
    void nvidiaSmiRowsParseAndUnreportedFieldsAreMinusOne() {
        List<GpuProbe.Gpu> gpus = GpuProbe.parse("87, 20480, 24576, 71\n[N/A], 1024, 81559, [Not Supported]\n");
        assertEquals(List.of(new GpuProbe.Gpu(87, 20480, 24576, 71), new GpuProbe.Gpu(-1, 1024, 81559, -1)), gpus);
        assertThrows(IllegalArgumentException.class, () -> GpuProbe.parse("No devices were found"));
    }

    @Test
    void foldsStepsSamplesSavesAndLrGroupsInWriterOrder() {
        RunDir run = new RunDir(Path.of("/tmp/ws/runs/20261122-181500-dog"));
        RunHistory h = new RunHistory(run);
        RunSummary s = RunSummary.empty();
        java.util.LinkedHashMap<String, Double> lr = new java.util.LinkedHashMap<>();
        lr.put("text_encoder", 5e-5);
        lr.put("unet", 1e-4);
        for (int i = 1; i <= 300; i++) { // past the initial capacity of 256
            Event e = new Event.Step(1000L * i, i, 1, 1.0 / i, 1.0, lr, 0.5, null);
            s = s.apply(e);
            h.apply(e, s);
        }
        Event sample = new Event.Sample(400_000, "samples/000300-0.png", "a dog", 300);
        h.apply(sample, s = s.apply(sample));
        assertEquals(300, h.stepCount());
        assertEquals(List.of("text_encoder", "unet"), h.lrGroups(), "groups keep the trainer's order");
        assertEquals(5e-5, h.lr()[299], 0);
        assertEquals(1e-4, h.lr2()[299], 0);
        assertEquals(1.0 / 300, h.loss()[299], 0);
        assertEquals(run.path().resolve("samples/000300-0.png"), h.samples().get(0).path());
        assertTrue(h.log().get(h.log().size() - 1).endsWith("sample samples/000300-0.png: a dog"), h.log().toString());
        assertEquals(300, h.summary().step());
    }
}
