package org.danlu.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The pieces used the way the training loop uses them: a LoRA-like parameter that requires a
 * gradient, a forward pass in a GradientCollector, loss, clipping and an optimizer step outside it.
 * Native arrays must stay flat across steps: every temporary is closed, only the optimizer's state remains.
 */
class StepResourcesTest {

    private static final List<Function<NDManager, Optimizer>> OPTIMIZERS = List.of(
            m -> new AdamW(m), m -> new Lion(m, 0.9, 0.99, 0.01), m -> new SgdNesterov(m, 0.9, 0.01),
            m -> new Adafactor(m, Adafactor.Options.defaults(false)),
            m -> new DAdaptAdam(m, DAdaptAdam.Options.defaults()), m -> new Prodigy(m, Prodigy.Options.defaults()));

    @Test
    void aTrainingStepLeavesNoNativeArraysBehind() {
        NoiseSchedule schedule = NoiseSchedule.ddpmScaledLinear();
        for (Function<NDManager, Optimizer> make : OPTIMIZERS) {
            try (NDManager root = NDManager.newBaseManager(); Optimizer opt = make.apply(root)) {
                // "Model": pred = W · noisy (a 4×4 channel mix), W trainable, fitting the ε target.
                NDArray w = root.zeros(new Shape(4, 4));
                w.setRequiresGradient(true);
                Random rng = new Random(1);
                NoiseSettings noiseSettings = new NoiseSettings(0.05, false, 0.1, 3, 0.3);
                LossWeighting weighting = new LossWeighting(5, false, false, 0, false);
                int baseline = -1;
                double lastLoss = 0;
                for (int step = 0; step < 8; step++) {
                    // Ops on w attach their results to w's manager (root): the scope closes them at the end of the step.
                    try (NDManager stepManager = root.newSubManager(); NDScope scope = new NDScope()) {
                        scope.suppressNotUsedWarning();
                        NDArray latents = TrainingNoise.gaussian(stepManager, new Shape(2, 4, 8, 8), new Random(step % 4));
                        NDArray noise = TrainingNoise.sample(latents, noiseSettings, rng);
                        int[] t = schedule.sampleTimesteps(2, 0, 1000, rng);
                        NDArray noisy = schedule.addNoise(latents, noise, t);
                        NDArray target = schedule.target(latents, noise, t, false);
                        float[] weights = weighting.weights(t, new float[] {1f, 0.5f}, schedule);
                        NDArray grad;
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            // [4,4] · [2,4,64] → [2,4,64] → [2,4,8,8]
                            NDArray pred = w.matMul(noisy.reshape(2, 4, 64)).reshape(2, 4, 8, 8);
                            NDArray loss = DiffusionLoss.mse(pred, target, weights);
                            gc.backward(loss);
                            lastLoss = loss.getFloat();
                        }
                        grad = w.getGradient();
                        GradientClipping.clipGradNorm(List.of(grad), 1.0);
                        double lr = opt instanceof DAdaptAdam || opt instanceof Prodigy ? 1.0 : 1e-2;
                        opt.step(List.of(w), List.of(grad), lr);
                        grad.muli(0); // DJL accumulates gradients across collectors: zero after each step
                    }
                    int live = root.getManagedArrays().size();
                    if (step == 2) {
                        baseline = live; // the optimizer's state exists from the first step on
                    } else if (step > 2) {
                        assertEquals(baseline, live, opt.name() + ": native arrays grew at step " + step);
                    }
                }
                assertTrue(Double.isFinite(lastLoss) && lastLoss > 0, opt.name() + " loss " + lastLoss);
            }
        }
    }

    @Test
    void adamWLowersAFixedLossOnAGradientCarryingParameter() {
        try (NDManager m = NDManager.newBaseManager(); Optimizer opt = new AdamW(m)) {
            NDArray p = m.create(new float[] {1f, -2f, 3f});
            p.setRequiresGradient(true);
            double first = 0;
            double last = 0;
            for (int i = 0; i < 30; i++) {
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray loss;
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        loss = p.square().sum(); // minimum at 0
                        gc.backward(loss);
                    }
                    last = loss.getFloat();
                    if (i == 0) {
                        first = last;
                    }
                    NDArray g = p.getGradient();
                    opt.step(new NDList(p), new NDList(g), 0.1);
                    g.muli(0); // gradients accumulate across GradientCollectors in DJL 0.35.1
                }
                assertEquals(3, m.getManagedArrays().size(), "only p and AdamW's m and v stay alive");
            }
            assertEquals(14.0, first, 1e-6); // 1 + 4 + 9
            assertTrue(last < first / 4, "loss " + first + " → " + last);
        }
    }
}
