package org.danlu.engine.train;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;

/**
 * A {@link Random} that returns scripted draws, so tests can work a shuffle or a dropout by hand.
 * Fails the test if the code under test draws more (or a different kind of) numbers than scripted.
 */
final class ScriptedRandom extends Random {

    private final Deque<Object> draws = new ArrayDeque<>();

    ScriptedRandom thenInts(int... values) {
        for (int v : values) {
            draws.add(v);
        }
        return this;
    }

    ScriptedRandom thenDoubles(double... values) {
        for (double v : values) {
            draws.add(v);
        }
        return this;
    }

    boolean exhausted() {
        return draws.isEmpty();
    }

    @Override
    public int nextInt(int bound) {
        Object next = draws.poll();
        if (!(next instanceof Integer i)) {
            throw new AssertionError("unexpected nextInt(" + bound + "), next scripted draw is " + next);
        }
        if (i < 0 || i >= bound) {
            throw new AssertionError("scripted int " + i + " out of [0, " + bound + ")");
        }
        return i;
    }

    @Override
    public double nextDouble() {
        Object next = draws.poll();
        if (!(next instanceof Double d)) {
            throw new AssertionError("unexpected nextDouble(), next scripted draw is " + next);
        }
        return d;
    }
}
