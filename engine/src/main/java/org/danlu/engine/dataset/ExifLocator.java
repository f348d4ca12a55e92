package org.danlu.engine.dataset;

import java.io.IOException;

/**
 * Finds the raw EXIF (TIFF) block in a PNG ({@code eXIf} chunk) or a WebP ({@code EXIF} chunk) by
 * walking chunk headers only ({@link JpegSegments} does the same for JPEG).
 */
final class ExifLocator {

    /** Stop walking after this many segments/chunks: a file that has more is not worth it. */
    static final int MAX_STEPS = 4096;

    private ExifLocator() {
    }

    static byte[] png(HeaderBytes f) throws IOException {
        long pos = 8;
        for (int step = 0; step < MAX_STEPS && pos + 8 <= f.size(); step++) {
            long size = f.u32be(pos);
            String type = f.fourcc(pos + 4);
            if (size < 0 || type.equals("IDAT") || type.equals("IEND")) {
                return null; // eXIf counts only before the image data
            }
            if (type.equals("eXIf")) {
                return size > Integer.MAX_VALUE ? null : f.read(pos + 8, (int) size);
            }
            pos += 12 + size;
        }
        return null;
    }

    static byte[] webp(HeaderBytes f) throws IOException {
        long pos = 12;
        for (int step = 0; step < MAX_STEPS && pos + 8 <= f.size(); step++) {
            String fourcc = f.fourcc(pos);
            long size = f.u32le(pos + 4);
            if (size < 0) {
                return null;
            }
            if (fourcc.equals("EXIF")) {
                byte[] b = size > Integer.MAX_VALUE ? new byte[0] : f.read(pos + 8, (int) size);
                // some writers keep the JPEG-style "Exif\0\0" in front of the TIFF header
                return b.length > 6 && b[0] == 'E' && b[1] == 'x' && b[4] == 0 ? java.util.Arrays.copyOfRange(b, 6, b.length) : b;
            }
            pos += 8 + size + (size & 1);
        }
        return null;
    }
}
