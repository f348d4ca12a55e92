package org.danlu.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.danlu.engine.run.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code weighted_captions} in the trainer, on the tiny fixture (two steps, U-Net and text-encoder LoRA both
 * training, so the weighted conditioning also runs inside the gradient tape). Same seed everywhere, so a step's loss
 * changes only when its conditioning does: with a caption that has no brackets, weighted_captions on and off give
 * the same losses bit for bit, and so does {@code (dnl:1)} (the brackets are syntax, not tokens); weighting the same
 * tokens, {@code (dnl:1.4)} instead of {@code dnl}, changes them.
 */
class WeightedCaptionsTrainerTest {

    @TempDir
    Path dir;

    @Test
    void weightedCaptionsTrainAndChangeTheLossOnlyThroughTheWeights() throws Exception {
        Path model = TrainFixture.model(dir);
        Path train = TrainFixture.dataset(dir);
        List<Double> plain = losses(model, train, "a", "weighted_captions = false\ncaption_prefix = \"dnl\"\n");
        List<Double> ones = losses(model, train, "b", "weighted_captions = true\ncaption_prefix = \"dnl\"\n");
        List<Double> explicitOne = losses(model, train, "c", "weighted_captions = true\ncaption_prefix = \"(dnl:1)\"\n");
        List<Double> weighted = losses(model, train, "d", "weighted_captions = true\ncaption_prefix = \"(dnl:1.4)\"\n");
        assertEquals(plain, ones, "weights of 1.0 must leave the conditioning as it was");
        assertEquals(ones, explicitOne, "(dnl:1) is the text dnl at weight 1: the brackets must not reach the tokenizer");
        assertNotEquals(ones.get(0), weighted.get(0), "(dnl:1.4) must change the first step's conditioning");
        assertTrue(weighted.stream().allMatch(Double::isFinite), weighted::toString);
    }

    @Test
    void aWeightThatIsNotANumberFailsTheRunNamingTheImage() throws Exception {
        Path model = TrainFixture.model(dir);
        Path train = TrainFixture.dataset(dir);
        Path cfg = TrainFixture.config(dir, model, train,
                "max_train_steps = 2\nweighted_captions = true\ncaption_prefix = \"(dnl:1.2.3)\"\n");
        TrainFixture.Trained t = TrainFixture.train(dir, cfg);
        Event.End.Status status = t.status();
        List<String> errors = t.of(Event.Error.class).stream().map(Event.Error::message).toList();
        assertEquals(Event.End.Status.FAILED, status);
        assertEquals(1, errors.size(), errors::toString);
        assertTrue(errors.get(0).startsWith("the caption of " + train.toAbsolutePath()) && errors.get(0).contains(":1.2.3)"),
                errors.get(0));
    }

    /** The step losses of a two-step run with {@code extra} config lines, in its own folder. */
    private List<Double> losses(Path model, Path train, String name, String extra) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        Path cfg = TrainFixture.config(d, model, train, "max_train_steps = 2\n" + extra);
        TrainFixture.Trained t = TrainFixture.train(d, cfg);
        List<Double> losses = t.of(Event.Step.class).stream().map(Event.Step::loss).toList();
        assertEquals(Event.End.Status.DONE, t.status(), t::log);
        assertEquals(2, losses.size(), t::log);
        List<String> warnings = UnsupportedKeys.warnings(TrainRequest.read(cfg, null, d).config()); // a known key now, not "not supported"
        assertTrue(warnings.stream().noneMatch(w -> w.contains("weighted_captions")), warnings::toString);
        return losses;
    }
}
