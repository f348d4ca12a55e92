package org.danlu.engine.dataset;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A caption file exactly as it is on disk. The original bytes are kept; the first line (kohya's
 * caption) is parsed into a {@link TagLine}. Edits change only that line and keep the BOM, the line
 * break and every later line byte for byte; an edit that changes nothing returns the same bytes.
 */
public final class CaptionFile {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Path path;
    private final byte[] bytes;
    private final boolean utf8;
    private final boolean bom;
    private final TagLine line;
    /** Byte offset where the first line ends (its line break starts) and the rest begins. */
    private final int lineEnd;

    private CaptionFile(Path path, byte[] bytes) {
        this.path = path;
        this.bytes = bytes;
        this.bom = bytes.length >= 3 && bytes[0] == BOM[0] && bytes[1] == BOM[1] && bytes[2] == BOM[2];
        int start = bom ? 3 : 0;
        int end = start;
        while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
            end++;
        }
        this.lineEnd = end;
        String decoded = decode(bytes);
        this.utf8 = decoded != null;
        this.line = utf8 ? TagLine.parse(new String(bytes, start, end - start, StandardCharsets.UTF_8))
                : TagLine.parse("");
    }

    public static CaptionFile of(Path path, byte[] bytes) {
        return new CaptionFile(path, bytes.clone());
    }

    public static CaptionFile read(Path path) throws IOException {
        return new CaptionFile(path, Files.readAllBytes(path));
    }

    private static String decode(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    public Path path() {
        return path;
    }

    /** The file's bytes as read (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    public boolean sameBytes(byte[] other) {
        return Arrays.equals(bytes, other);
    }

    public boolean validUtf8() {
        return utf8;
    }

    public boolean hasBom() {
        return bom;
    }

    /** The first line parsed into tags (empty when the file is not UTF-8). */
    public TagLine tagLine() {
        return line;
    }

    public List<String> tags() {
        return line.tags();
    }

    /** The caption kohya trains with: the first line, stripped (a BOM is not part of it here). */
    public String text() {
        return line.render().strip();
    }

    /**
     * Every non-blank line, stripped: the alternatives kohya picks from with {@code enable_wildcard}.
     * Empty when the file is not UTF-8.
     */
    public List<String> lines() {
        if (!utf8) {
            return List.of();
        }
        int start = bom ? 3 : 0;
        return new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8).lines()
                .map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /** kohya's "caption file is empty" assertion fires on a zero-byte file. */
    public boolean zeroBytes() {
        return bytes.length == 0;
    }

    /** Whether lines after the first hold text kohya ignores (unless wildcards are on). */
    public boolean multiLine() {
        if (!utf8) {
            return false;
        }
        String rest = new String(bytes, lineEnd, bytes.length - lineEnd, StandardCharsets.UTF_8);
        return !rest.isBlank();
    }

    /** This caption with a new first line; the same instance when the line renders unchanged. */
    public CaptionFile withTagLine(TagLine newLine) {
        if (!utf8) {
            throw new IllegalStateException(path + " is not UTF-8; it cannot be edited safely");
        }
        String now = newLine.render();
        if (now.equals(line.render())) {
            return this;
        }
        byte[] text = now.getBytes(StandardCharsets.UTF_8);
        int start = bom ? 3 : 0;
        byte[] out = new byte[start + text.length + bytes.length - lineEnd];
        System.arraycopy(bytes, 0, out, 0, start);
        System.arraycopy(text, 0, out, start, text.length);
        System.arraycopy(bytes, lineEnd, out, start + text.length, bytes.length - lineEnd);
        return new CaptionFile(path, out);
    }
}
