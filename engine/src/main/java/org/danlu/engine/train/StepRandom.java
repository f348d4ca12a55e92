package org.danlu.engine.train;

import java.util.Random;

/**
 * The random generators of one batch, each derived from (seed, epoch, batch index, purpose) by SplitMix64
 * mixing. A batch's crops, flips, caption shuffles, VAE sampling, noise and timesteps therefore depend on nothing
 * but its place in the run: loading threads may finish in any order, and a run resumed at a batch draws exactly
 * the numbers the uninterrupted run drew there.
 */
public final class StepRandom {

    /** What a generator is for; each gets an independent stream. */
    public enum Purpose { IMAGE, CAPTION, NOISE, VAE }

    private StepRandom() {
    }

    public static Random of(long seed, int epoch, int batchIndex, Purpose purpose) {
        long h = mix(seed);
        h = mix(h ^ epoch);
        h = mix(h ^ batchIndex);
        h = mix(h ^ purpose.ordinal());
        return new Random(h);
    }

    /** A generator for one item inside a batch. */
    public static Random of(long seed, int epoch, int batchIndex, Purpose purpose, int item) {
        return new Random(mix(of(seed, epoch, batchIndex, purpose).nextLong() ^ item));
    }

    static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
