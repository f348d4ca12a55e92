package org.danlu.engine.train.sample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * Standard normal noise from a seed, drawn in Java ({@link Random#nextGaussian}) rather than by the engine: the same
 * seed gives the same image on CPU and GPU, whatever else has used the engine's generator, and sampling never
 * disturbs the training run's random state (kohya saves and restores torch's RNG around sampling for that reason).
 */
public final class SampleNoise {
    private final Random random;

    public SampleNoise(long seed) {
        this.random = new Random(seed);
    }

    /** The next {@code shape.size()} draws as a float32 array on {@code manager}'s device. */
    public NDArray next(NDManager manager, Shape shape) {
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return manager.create(values, shape);
    }
}
