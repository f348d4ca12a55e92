package org.danlu.engine.model.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of YAML the LDM inference configs use (v1-inference.yaml, v2-inference-v.yaml and their civitai
 * copies): nested block mappings by indentation, {@code key: scalar}, flow lists {@code [ 4, 2, 1 ]}, block
 * lists of scalars or mappings ({@code - item}), quoted strings, {@code #} comments. No YAML library is on the
 * classpath and none is added for a dozen keys. Scalars stay strings; {@link LdmYaml} types them.
 * Anything else (anchors, multi-line strings, flow mappings) is an error naming file and line.
 */
final class YamlSubset {
    private final Path file;
    private final List<Line> lines = new ArrayList<>();
    private int pos;

    private record Line(int number, int indent, String text) {}

    private YamlSubset(Path file, List<String> raw) {
        this.file = file;
        for (int i = 0; i < raw.size(); i++) {
            String t = stripComment(raw.get(i));
            if (!t.isBlank()) {
                int indent = 0;
                while (indent < t.length() && t.charAt(indent) == ' ') {
                    indent++;
                }
                lines.add(new Line(i + 1, indent, t.strip()));
            }
        }
    }

    static Map<String, Object> parse(Path file) throws IOException {
        List<String> raw = Files.readAllLines(file, StandardCharsets.UTF_8);
        YamlSubset y = new YamlSubset(file, raw);
        if (y.lines.isEmpty()) {
            return new LinkedHashMap<>();
        }
        Object root = y.block(y.lines.get(0).indent);
        if (y.pos < y.lines.size()) {
            throw y.error(y.lines.get(y.pos), "unexpected indentation");
        }
        if (!(root instanceof Map)) {
            throw new IOException(file + ": the top level is not a mapping");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) root;
        return map;
    }

    private Object block(int indent) throws IOException {
        Line first = lines.get(pos);
        return first.text.startsWith("- ") || first.text.equals("-") ? sequence(indent) : mapping(indent);
    }

    private Map<String, Object> mapping(int indent) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        while (pos < lines.size() && lines.get(pos).indent == indent) {
            Line l = lines.get(pos);
            int colon = keyColon(l.text);
            if (colon < 0) {
                throw error(l, "expected 'key: value'");
            }
            String key = unquote(l.text.substring(0, colon).strip());
            String rest = l.text.substring(colon + 1).strip();
            pos++;
            if (!rest.isEmpty()) {
                out.put(key, scalarOrFlow(l, rest));
            } else if (pos < lines.size() && lines.get(pos).indent > indent) {
                out.put(key, block(lines.get(pos).indent));
            } else if (pos < lines.size() && lines.get(pos).indent == indent && lines.get(pos).text.startsWith("- ")) {
                out.put(key, sequence(indent)); // "key:\n- a" (sequence at the key's own indent)
            } else {
                out.put(key, null);
            }
        }
        return out;
    }

    private List<Object> sequence(int indent) throws IOException {
        List<Object> out = new ArrayList<>();
        while (pos < lines.size() && lines.get(pos).indent == indent
                && (lines.get(pos).text.startsWith("- ") || lines.get(pos).text.equals("-"))) {
            Line l = lines.get(pos);
            String item = l.text.substring(1).strip();
            if (item.isEmpty()) {
                pos++;
                out.add(pos < lines.size() && lines.get(pos).indent > indent ? block(lines.get(pos).indent) : null);
            } else if (keyColon(item) >= 0 && !item.startsWith("[") && !item.startsWith("\"") && !item.startsWith("'")) {
                // "- key: value" opens a mapping whose further keys sit at the item's column
                int itemIndent = indent + (l.text.length() - item.length());
                lines.set(pos, new Line(l.number, itemIndent, item));
                out.add(mapping(itemIndent));
            } else {
                pos++;
                out.add(scalarOrFlow(l, item));
            }
        }
        return out;
    }

    private Object scalarOrFlow(Line l, String text) throws IOException {
        if (text.startsWith("[")) {
            if (!text.endsWith("]")) {
                throw error(l, "a flow list must close on the same line");
            }
            List<Object> out = new ArrayList<>();
            String inner = text.substring(1, text.length() - 1).strip();
            if (!inner.isEmpty()) {
                for (String part : inner.split(",")) {
                    out.add(unquote(part.strip()));
                }
            }
            return out;
        }
        if (text.startsWith("{") || text.startsWith("&") || text.startsWith("*") || text.startsWith("|") || text.startsWith(">")) {
            throw error(l, "this YAML construct is not supported here ('" + text + "')");
        }
        return unquote(text);
    }

    /** The colon ending a key: followed by a space or the end of the line, outside quotes. */
    private static int keyColon(String text) {
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == ':' && (i + 1 == text.length() || text.charAt(i + 1) == ' ')) {
                return i;
            }
        }
        return -1;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.charAt(0) == '"' && s.endsWith("\"") || s.charAt(0) == '\'' && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    /** Drops a comment: '#' at the line start or after a space, outside quotes. */
    private static String stripComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private IOException error(Line l, String problem) {
        return new IOException(file + ":" + l.number + ":" + (l.indent + 1) + ": " + problem);
    }
}
