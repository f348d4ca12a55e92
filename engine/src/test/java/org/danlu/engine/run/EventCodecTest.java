package org.danlu.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    static List<Event> oneOfEach() {
        Map<String, Double> lr = new LinkedHashMap<>();
        lr.put("unet", 1e-4);
        lr.put("text_encoder", 5e-5);
        return List.of(
                new Event.Start(1, "shs dog", 1000, 10, 100, List.of(new Event.Bucket(512, 768, 12)), "cuda:0", "bf16"),
                new Event.Step(2, 7, 1, 0.125, 0.25, lr, 0.5, 123456789L),
                new Event.Epoch(3, 1, 100, 0.2),
                new Event.Sample(4, "samples/000100-0.png", "shs dog, sitting", 100),
                new Event.Save(5, "output/shs-000001.safetensors", 100),
                new Event.Log(6, "warn", "optimizer AdamW8bit mapped to AdamW"),
                new Event.Error(7, "loss is NaN at step 7"),
                new Event.ControlAck(8, "resume", "ignored", "not paused"),
                new Event.End(9, Event.End.Status.STOPPED, "stopped by the user"));
    }

    @Test
    void everyTypeRoundTrips() {
        for (Event e : oneOfEach()) {
            assertEquals(e, EventCodec.decode(EventCodec.encode(e)), e.type());
        }
    }

    @Test
    void stepLineIsTheDocumentedSchema() {
        // The README's schema, written out by hand: t and type first, snake_case, lr keeps group order.
        Event step = oneOfEach().get(1);
        assertEquals("{\"t\":2,\"type\":\"step\",\"step\":7,\"epoch\":1,\"loss\":0.125,\"avg_loss\":0.25,"
                + "\"lr\":{\"unet\":1.0E-4,\"text_encoder\":5.0E-5},\"seconds_per_step\":0.5,\"memory_bytes\":123456789}",
                EventCodec.encode(step));
        assertEquals("{\"t\":9,\"type\":\"end\",\"status\":\"stopped\",\"reason\":\"stopped by the user\"}",
                EventCodec.encode(oneOfEach().get(8)));
        assertEquals("{\"t\":8,\"type\":\"control-ack\",\"command\":\"resume\",\"outcome\":\"ignored\",\"message\":\"not paused\"}",
                EventCodec.encode(oneOfEach().get(7)));
    }

    @Test
    void nanLossIsWrittenAsNullAndReadBackAsNaN() {
        String line = EventCodec.encode(new Event.Step(1, 3, 1, Double.NaN, Double.POSITIVE_INFINITY, Map.of(), 0.1, null));
        assertTrue(line.contains("\"loss\":null") && line.contains("\"avg_loss\":null") && line.contains("\"memory_bytes\":null"), line);
        Event.Step back = (Event.Step) EventCodec.decode(line);
        assertTrue(Double.isNaN(back.loss()));
        assertNull(back.memoryBytes());
    }

    @Test
    void newerWritersAreTolerated() {
        Event.Log log = (Event.Log) EventCodec.decode(
                "{\"t\":5,\"type\":\"log\",\"level\":\"info\",\"message\":\"hi\",\"thread\":\"sampler\",\"extra\":{\"a\":[1]}}");
        assertEquals(new Event.Log(5, "info", "hi"), log);
        assertEquals(new Event.Unknown(6, "gpu"), EventCodec.decode("{\"t\":6,\"type\":\"gpu\",\"util\":93}"));
        // A missing optional field is null; an end status we do not know reads as null (shown as failed).
        assertEquals(new Event.Save(7, "a.safetensors", null), EventCodec.decode("{\"t\":7,\"type\":\"save\",\"path\":\"a.safetensors\"}"));
        Event.End end = (Event.End) EventCodec.decode("{\"t\":8,\"type\":\"end\",\"status\":\"exploded\"}");
        assertNull(end.status());
        assertEquals(RunStatus.FAILED, RunSummary.of(List.of(end)).status());
    }

    @Test
    void badLinesSayWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EventCodec.decode("{\"t\":1,\"type\":\"st"))
                .getMessage().startsWith("not valid JSON"));
        assertEquals("missing numeric field \"t\"",
                assertThrows(IllegalArgumentException.class, () -> EventCodec.decode("{\"type\":\"log\"}")).getMessage());
        assertEquals("missing string field \"type\"",
                assertThrows(IllegalArgumentException.class, () -> EventCodec.decode("{\"t\":1}")).getMessage());
        assertEquals("not a JSON object",
                assertThrows(IllegalArgumentException.class, () -> EventCodec.decode("[1,2]")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> EventCodec.decode("{\"t\":1,\"type\":\"step\",\"step\":\"seven\"}")).getMessage().startsWith("bad \"step\" event"));
    }
}
