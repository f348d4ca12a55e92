package org.danlu.engine.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes kohya {@code --config_file} TOML. A new file is written in sd-scripts' sectioned layout
 * (kohya flattens the sections), options in catalogue order, unknown options last. An existing file
 * is patched: only the values that changed are replaced in place, removed options lose their line,
 * new options go into their section; comments, spacing and order stay as the user wrote them.
 */
public final class ConfigFileWriter {

    /** Section for options Danlu does not know (kohya ignores section names). */
    static final String OTHER_SECTION = "other_arguments";

    private ConfigFileWriter() {
    }

    /**
     * Saves {@code config} to {@code path} atomically (temp file, fsync, rename): as a patch of
     * {@code original} when given, else as a new file.
     *
     * @throws IOException when the file changed on disk since {@code original} was read (nothing is
     *     overwritten blindly), or when {@code original} is null and the file exists
     */
    public static void save(Path path, ConfigFile original, TrainConfig config, List<String> headerComment)
            throws IOException {
        if (original == null && Files.exists(path)) {
            throw new IOException(path + " exists: read it first, so that saving keeps its comments and layout");
        }
        if (original != null && Files.exists(path)
                && !Files.readString(path, StandardCharsets.UTF_8).equals(original.text())) {
            throw new IOException(path + " changed on disk since it was read: reload it before saving");
        }
        String text = original == null ? write(config, headerComment) : patch(original, config);
        Path dir = path.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + path.getFileName(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            }
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * A new file holding {@code config}, with {@code headerComment} lines (may be empty) on top;
     * {@code caption_extension} is always written, kohya's {@code .caption} when unset.
     */
    public static String write(TrainConfig config, List<String> headerComment) {
        if (!config.isSet("caption_extension")) {
            // Always explicit: kohya's default is .caption, and a dataset of .txt captions trained
            // with it silently gets the folder names as captions.
            config = config.with("caption_extension", config.captionExtension());
        }
        StringBuilder sb = new StringBuilder();
        for (String line : headerComment) {
            sb.append(line.isEmpty() ? "#" : "# " + line).append('\n');
        }
        Map<String, List<String>> bySection = new LinkedHashMap<>();
        for (ConfigGroup g : ConfigGroup.values()) {
            bySection.putIfAbsent(g.section(), new ArrayList<>());
        }
        bySection.put(OTHER_SECTION, new ArrayList<>());
        for (ConfigKey k : ConfigKeys.all()) {
            if (config.isSet(k.name())) {
                bySection.get(k.group().section()).add(k.name());
            }
        }
        bySection.get(OTHER_SECTION).addAll(config.unknownKeys());
        for (Map.Entry<String, List<String>> e : bySection.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append('[').append(e.getKey()).append("]\n");
            for (String key : e.getValue()) {
                sb.append(TomlValues.key(key)).append(" = ").append(TomlValues.format(config.entries().get(key))).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * The original file's text with {@code updated}'s changes applied: changed values replaced in
     * place (the rest of the line, comments included, kept), unset options' lines removed, new
     * options added to their section (a flat file gets them at the end).
     *
     * @throws IllegalArgumentException when the original has TOML syntax errors (positions would be wrong)
     */
    public static String patch(ConfigFile original, TrainConfig updated) {
        if (!original.syntaxErrors().isEmpty()) {
            throw new IllegalArgumentException("cannot update " + original.source() + ": fix its TOML syntax first ("
                    + original.syntaxErrors().get(0) + ")");
        }
        String text = original.text();
        String nl = text.contains("\r\n") ? "\r\n" : "\n";
        List<Op> ops = new ArrayList<>();
        TrainConfig before = original.config();

        for (Map.Entry<String, Object> e : before.entries().entrySet()) {
            String key = e.getKey();
            KeyLocation at = original.locationOf(key);
            if (at == null || at.line() == 0) {
                continue;
            }
            TomlScan.Span span = TomlScan.span(text, at.line(), at.column());
            if (!updated.isSet(key)) {
                ops.add(new Op(TomlScan.lineStart(text, span.keyStart()), TomlScan.nextLineStart(text, span.valueEnd()), ""));
            } else if (!Objects.equals(e.getValue(), updated.entries().get(key))) {
                ops.add(new Op(span.valueStart(), span.valueEnd(), TomlValues.format(updated.entries().get(key))));
            }
        }

        // New options: a flat file gets them at its end; a sectioned one in their section, or in a
        // new section at the end when the file has none of that name.
        int eof = text.length();
        String eofPrefix = eof > 0 && !text.endsWith("\n") ? nl : "";
        Map<String, StringBuilder> newSections = new LinkedHashMap<>();
        StringBuilder flatTail = new StringBuilder();
        for (Map.Entry<String, Object> e : updated.entries().entrySet()) {
            if (before.isSet(e.getKey())) {
                continue;
            }
            String line = TomlValues.key(e.getKey()) + " = " + TomlValues.format(e.getValue()) + nl;
            if (!original.sectioned()) {
                flatTail.append(line);
                continue;
            }
            ConfigKey k = ConfigKeys.find(e.getKey());
            String section = k == null ? OTHER_SECTION : k.group().section();
            Integer at = sectionEnd(original, text, section);
            if (at != null && at < eof) {
                ops.add(new Op(at, at, line));
            } else if (at != null) {
                flatTail.append(line);
            } else {
                newSections.computeIfAbsent(section, x -> new StringBuilder()).append(line);
            }
        }
        StringBuilder tail = new StringBuilder(flatTail);
        newSections.forEach((name, lines) -> tail.append(nl).append('[').append(name).append(']').append(nl).append(lines));
        if (tail.length() > 0) {
            ops.add(new Op(eof, eof, eofPrefix + tail));
        }

        // Apply from the end so that earlier offsets stay valid. At one offset, replace first and
        // insert after that, so that an inserted line lands before a replaced one; inserts at one
        // offset keep their order by being applied last-first.
        ops.sort((a, b) -> a.start != b.start ? Integer.compare(b.start, a.start)
                : Boolean.compare(a.isInsert(), b.isInsert()));
        StringBuilder out = new StringBuilder(text);
        List<Op> pendingInserts = new ArrayList<>();
        for (Op op : ops) {
            if (op.isInsert()) {
                pendingInserts.add(op);
            } else {
                flush(out, pendingInserts);
                out.replace(op.start, op.end, op.replacement);
            }
        }
        flush(out, pendingInserts);
        return out.toString();
    }

    /** Inserts gathered in descending offset order; same-offset inserts keep their original order. */
    private static void flush(StringBuilder out, List<Op> inserts) {
        int i = 0;
        while (i < inserts.size()) {
            int j = i;
            StringBuilder joined = new StringBuilder();
            while (j < inserts.size() && inserts.get(j).start == inserts.get(i).start) {
                joined.append(inserts.get(j).replacement);
                j++;
            }
            out.insert(inserts.get(i).start, joined);
            i = j;
        }
        inserts.clear();
    }

    /** Offset just after the last key line of {@code [section]} (or its header when empty), or null. */
    private static Integer sectionEnd(ConfigFile original, String text, String section) {
        int end = -1;
        for (Map.Entry<String, KeyLocation> e : original.locations().entrySet()) {
            KeyLocation at = e.getValue();
            if (section.equals(at.section()) && at.line() > 0) {
                end = Math.max(end, TomlScan.nextLineStart(text, TomlScan.span(text, at.line(), at.column()).valueEnd()));
            }
        }
        if (end >= 0) {
            return end;
        }
        int header = headerOffset(text, section);
        return header < 0 ? null : TomlScan.nextLineStart(text, header);
    }

    private static int headerOffset(String text, String section) {
        int from = 0;
        while (from < text.length()) {
            int ls = from;
            int le = TomlScan.nextLineStart(text, ls);
            String line = text.substring(ls, le).trim();
            if (line.startsWith("[") && !line.startsWith("[[")) {
                int close = line.indexOf(']');
                if (close > 0 && line.substring(1, close).trim().equals(section)) {
                    return ls;
                }
            }
            from = le;
        }
        return -1;
    }

    /** Replace [start, end) with replacement; start == end is an insert. */
    private record Op(int start, int end, String replacement) {
        boolean isInsert() {
            return start == end;
        }
    }
}
