package org.danlu.engine.run;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.util.Map;

/**
 * Turns an {@link Event} into one JSON line and back.
 *
 * <p>Written: {@code t} and {@code type} first (so {@code head}/{@code grep} read well), then the
 * record's fields in snake_case, nulls included (every field of a type is always present, which
 * keeps scripts simple). Non-finite doubles (a NaN loss) are written as {@code null}: JSON has no
 * NaN and {@code jq} refuses it. Read: unknown fields are ignored and unknown types become
 * {@link Event.Unknown}, so an older UI can watch a newer trainer.
 */
public final class EventCodec {

    private static final Map<String, Class<? extends Event>> TYPES = Map.of(
            "start", Event.Start.class,
            "step", Event.Step.class,
            "epoch", Event.Epoch.class,
            "sample", Event.Sample.class,
            "save", Event.Save.class,
            "log", Event.Log.class,
            "error", Event.Error.class,
            "control-ack", Event.ControlAck.class,
            "end", Event.End.class);

    private static final TypeAdapter<Double> FINITE_OR_NULL = new TypeAdapter<>() {
        @Override
        public void write(JsonWriter out, Double value) throws IOException {
            if (value == null || !Double.isFinite(value)) {
                out.nullValue();
            } else {
                out.value(value);
            }
        }

        @Override
        public Double read(JsonReader in) throws IOException {
            if (in.peek() == JsonToken.NULL) {
                in.nextNull();
                return Double.NaN;
            }
            return in.nextDouble();
        }
    };

    private static final Gson GSON = new GsonBuilder()
            .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
            .registerTypeAdapter(double.class, FINITE_OR_NULL)
            .registerTypeAdapter(Double.class, FINITE_OR_NULL)
            .serializeNulls()
            .disableHtmlEscaping()
            .create();

    private EventCodec() {}

    /** One JSON object, no line break. */
    public static String encode(Event event) {
        if (event instanceof Event.Unknown) {
            throw new IllegalArgumentException("an unknown event type cannot be written: " + event.type());
        }
        JsonObject out = new JsonObject();
        out.addProperty("t", event.t());
        out.addProperty("type", event.type());
        JsonObject fields = GSON.toJsonTree(event).getAsJsonObject();
        for (Map.Entry<String, JsonElement> e : fields.entrySet()) {
            if (!e.getKey().equals("t")) {
                out.add(e.getKey(), e.getValue());
            }
        }
        return GSON.toJson(out);
    }

    /**
     * Reads one line. Throws {@link IllegalArgumentException} saying what is wrong when the line is
     * not a JSON object with a numeric {@code t} and a string {@code type}, or a known type's field
     * has the wrong JSON kind.
     */
    public static Event decode(String line) {
        JsonObject obj;
        try {
            JsonElement el = JsonParser.parseString(line);
            if (!el.isJsonObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            obj = el.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("not valid JSON (" + rootMessage(e) + ")", e);
        }
        long t = requireNumber(obj, "t");
        JsonElement typeEl = obj.get("type");
        if (typeEl == null || !(typeEl instanceof JsonPrimitive p) || !p.isString()) {
            throw new IllegalArgumentException("missing string field \"type\"");
        }
        String type = typeEl.getAsString();
        Class<? extends Event> cls = TYPES.get(type);
        if (cls == null) {
            return new Event.Unknown(t, type);
        }
        try {
            return GSON.fromJson(obj, cls);
        } catch (JsonParseException | IllegalStateException | NumberFormatException e) {
            throw new IllegalArgumentException("bad \"" + type + "\" event (" + rootMessage(e) + ")", e);
        }
    }

    private static long requireNumber(JsonObject obj, String key) {
        JsonElement el = obj.get(key);
        if (el instanceof JsonPrimitive p && p.isNumber()) {
            return p.getAsLong();
        }
        throw new IllegalArgumentException("missing numeric field \"" + key + "\"");
    }

    private static String rootMessage(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }
}
