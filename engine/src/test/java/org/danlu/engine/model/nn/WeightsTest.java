package org.danlu.engine.model.nn;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeightsTest {
    static final class Tiny extends Module {
        final Linear toQ = child("to_q", new Linear(2, 3, true));
    }

    @Test
    void strictCheckListsMissingUnexpectedAndMisShapedKeys() {
        Map<String, long[]> offered = new LinkedHashMap<>();
        offered.put("to_q.weight", new long[] {3, 3});
        offered.put("to_k.weight", new long[] {3, 2});
        Weights.Check c = Weights.check(new Tiny(), offered);
        assertEquals(List.of("to_q.bias"), c.missing());
        assertEquals(List.of("to_k.weight"), c.unexpected());
        assertEquals(List.of("to_q.weight expected (3, 2) found [3, 3]"), c.wrongShape());
        assertFalse(c.ok());
    }

    @Test
    void loadsEveryParameterOrNothing() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            tensors.put("to_q.weight", m.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(3, 2)));
            tensors.put("to_q.bias", m.create(new float[] {0.5f, 0, -1}));
            Tiny t = new Tiny();
            Weights.load(t, source(tensors), m, DataType.FLOAT32);
            // y = W·x + b for x = (1, 1): (1+2+0.5, 3+4, 5+6-1)
            assertArrayEquals(new float[] {3.5f, 7, 10}, t.toQ.forward(m.create(new float[] {1, 1})).toFloatArray());

            tensors.remove("to_q.bias");
            Tiny u = new Tiny();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Weights.load(u, source(tensors), m, DataType.FLOAT32));
            assertTrue(e.getMessage().startsWith("test source:") && e.getMessage().contains("missing 1 [to_q.bias]"),
                    e.getMessage());
            assertFalse(u.toQ.weight().isSet(), "nothing is loaded when the check fails");
        }
    }

    private static Weights.Source source(Map<String, NDArray> tensors) {
        return new Weights.Source() {
            @Override
            public String describe() {
                return "test source";
            }

            @Override
            public Map<String, long[]> shapes() {
                Map<String, long[]> out = new LinkedHashMap<>();
                tensors.forEach((k, v) -> out.put(k, v.getShape().getShape()));
                return out;
            }

            @Override
            public NDArray load(String name, NDManager manager, DataType type) {
                return tensors.get(name).duplicate();
            }
        };
    }
}
