package org.danlu.engine.model.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NativeScalarTest {
    @Test
    void gradientSurvivesTheJavaSideBeingCollectedBeforeBackward() {
        // d(Σ 3·x)/dx = 3 everywhere. Between forward and backward the JVM collects garbage and hands out fresh
        // direct buffers filled with NaN: a scalar that lived in a collected Java buffer would now read NaN.
        try (NDManager m = NDManager.newBaseManager()) {
            for (int round = 0; round < 20; round++) {
                NDArray x = m.randomNormal(new Shape(64));
                x.setRequiresGradient(true);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray y = NativeScalar.times(x, 3f); // [64]
                    System.gc();
                    List<ByteBuffer> junk = new ArrayList<>();
                    for (int i = 0; i < 200; i++) {
                        ByteBuffer b = ByteBuffer.allocateDirect(4);
                        b.putFloat(0, Float.NaN);
                        junk.add(b);
                    }
                    gc.backward(y.sum());
                    junk.clear();
                }
                for (float g : x.getGradient().toFloatArray()) {
                    assertEquals(3f, g, "round " + round);
                }
                assertEquals(x.getDataType(), NativeScalar.times(x, 2f).getDataType());
            }
        }
    }
}
