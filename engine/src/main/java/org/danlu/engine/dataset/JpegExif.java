package org.danlu.engine.dataset;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/** Finds the EXIF (TIFF) block of a JPEG by walking its marker segments up to the first frame header. */
final class JpegExif {

    private JpegExif() {
    }

    /** The TIFF bytes after {@code Exif\0\0} in the first APP1 segment, or null if there is none. */
    static byte[] find(Path file, byte[] p, int len) throws IOException {
        int pos = 2;
        while (pos + 4 <= len) {
            if ((p[pos] & 0xff) != 0xFF) {
                return null;
            }
            int marker = p[pos + 1] & 0xff;
            if (marker == 0xFF) {
                pos++; // fill byte
                continue;
            }
            if (marker == 0xDA || (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8
                    && marker != 0xCC)) {
                return null; // scan or frame header: EXIF must come before these
            }
            int segLen = ((p[pos + 2] & 0xff) << 8) | (p[pos + 3] & 0xff);
            if (marker == 0xE1 && segLen >= 8 && pos + 10 <= len && p[pos + 4] == 'E' && p[pos + 5] == 'x'
                    && p[pos + 6] == 'i' && p[pos + 7] == 'f' && p[pos + 8] == 0 && p[pos + 9] == 0) {
                int start = pos + 10;
                int end = pos + 2 + segLen;
                if (end <= len) {
                    return Arrays.copyOfRange(p, start, end);
                }
                byte[] exif = new byte[end - start];
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                    ImageHeaderReader.readFully(ch, ByteBuffer.wrap(exif), start);
                }
                return exif;
            }
            pos += 2 + segLen;
        }
        return null;
    }
}
