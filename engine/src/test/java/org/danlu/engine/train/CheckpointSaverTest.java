package org.danlu.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.danlu.engine.tensor.DType;
import org.junit.jupiter.api.Test;

/** kohya's file names and save_last_n arithmetic (kohya-compat.md §8), worked by hand. */
class CheckpointSaverTest {

    private final Path out = Path.of("/o");
    private final Path state = Path.of("/s");

    @Test
    void namesAreKohyas() {
        assertEquals("x-000005.safetensors", CheckpointSaver.epochFile("x", 5));
        assertEquals("x-step00000500.safetensors", CheckpointSaver.stepFile("x", 500));
        assertEquals("x.safetensors", CheckpointSaver.finalFile("x"));
    }

    @Test
    void epochSavesSkipTheLastEpochAndKeepTheNewestN() {
        // every 2 epochs of 10, keep 2: saving epoch 6 deletes epoch 6 − 2·2 = 2
        CheckpointSaver s = new CheckpointSaver(out, state, "x", DType.F16, 2, null, 2, null, true, 10);
        assertTrue(s.epochDue(2));
        assertFalse(s.epochDue(3));
        assertFalse(s.epochDue(10), "the last epoch is the final file, not an epoch file");
        assertEquals(List.of(out.resolve("x-000002.safetensors"), state.resolve("x-000002-state")), s.afterEpochSave(6));
        assertEquals(List.of(), s.afterEpochSave(4));
    }

    @Test
    void stepSavesDeleteAsKohyaComputesIt() {
        // save_last_n_steps counts steps, not files. Every 100 steps keeping 200: after step 500,
        // d = 500 − 200 − 1 = 299, d −= 299 mod 100 → 200: the step-200 file goes, 300..500 stay.
        CheckpointSaver s = new CheckpointSaver(out, state, "x", DType.F16, null, 100, null, 200, false, 1);
        assertTrue(s.stepDue(300));
        assertFalse(s.stepDue(301));
        assertEquals(List.of(out.resolve("x-step00000200.safetensors"), state.resolve("x-step00000200-state")),
                s.afterStepSave(500));
        assertEquals(List.of(), s.afterStepSave(200), "d = 200 − 200 − 1 < 0: nothing to delete");
    }
}
