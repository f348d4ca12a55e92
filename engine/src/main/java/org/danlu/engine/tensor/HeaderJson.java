package org.danlu.engine.tensor;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;

/**
 * Parses a safetensors header as strict JSON: one object, no comments or unquoted strings (Gson's
 * {@code JsonParser} is lenient), no duplicate tensor names (a later entry must not silently shadow an
 * earlier one), no trailing data, bounded nesting (Gson's default limit), so no input can exhaust the stack.
 */
final class HeaderJson {
    private static final TypeAdapter<JsonElement> ELEMENT = new Gson().getAdapter(JsonElement.class);

    private HeaderJson() {}

    static JsonObject parse(Path path, String json) throws SafetensorsFormatException {
        if (json.isEmpty() || json.charAt(0) != '{') {
            // The reference requires the object to open at the first byte (no BOM, no leading blanks).
            throw new SafetensorsFormatException(path, "header does not start with '{'");
        }
        try (JsonReader r = new JsonReader(new StringReader(json))) {
            r.setStrictness(Strictness.STRICT);
            if (r.peek() != JsonToken.BEGIN_OBJECT) {
                throw new SafetensorsFormatException(path, "header is JSON but not an object");
            }
            JsonObject root = new JsonObject();
            r.beginObject();
            while (r.hasNext()) {
                String name = r.nextName();
                if (root.has(name)) {
                    throw new SafetensorsFormatException(path, "header names '" + name + "' twice");
                }
                root.add(name, ELEMENT.read(r));
            }
            r.endObject();
            if (r.peek() != JsonToken.END_DOCUMENT) {
                throw new SafetensorsFormatException(path, "header has data after its JSON object");
            }
            return root;
        } catch (SafetensorsFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new SafetensorsFormatException(path, "header is not valid JSON (" + e.getMessage() + ")");
        }
    }
}
