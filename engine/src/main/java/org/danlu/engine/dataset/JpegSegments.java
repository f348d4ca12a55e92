package org.danlu.engine.dataset;

import java.io.IOException;

/**
 * The two JPEG segments a scan needs, found by walking marker segment headers from the start: the
 * APP1 {@code Exif} block and the frame header (SOFn) that holds the size. Only segment headers are
 * read, so a 60 KB EXIF thumbnail or ICC profile in front of the frame header costs two small reads.
 *
 * @param exif       the TIFF bytes after {@code Exif\0\0}, or null
 * @param frameBytes SOI + the frame header segment + EOI: a minimal JPEG stream from which Commons
 *                   Imaging reads the size; null when there is no frame header before the scan data
 */
record JpegSegments(byte[] exif, byte[] frameBytes) {

    static JpegSegments walk(HeaderBytes f) throws IOException {
        byte[] exif = null;
        long pos = 2;
        for (int step = 0; step < ExifLocator.MAX_STEPS && pos + 4 <= f.size(); step++) {
            int marker = f.u16be(pos);
            if ((marker >> 8) != 0xFF) {
                return new JpegSegments(exif, null);
            }
            int m = marker & 0xff;
            if (m == 0xFF) {
                pos++; // fill byte
                continue;
            }
            if (m == 0xDA || m == 0xD9) {
                return new JpegSegments(exif, null); // scan data before any frame header
            }
            int segLen = f.u16be(pos + 2);
            if (segLen < 2) {
                return new JpegSegments(exif, null);
            }
            if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
                byte[] seg = f.read(pos, 2 + segLen);
                byte[] stream = new byte[seg.length + 4];
                stream[0] = (byte) 0xFF;
                stream[1] = (byte) 0xD8;
                System.arraycopy(seg, 0, stream, 2, seg.length);
                stream[stream.length - 2] = (byte) 0xFF;
                stream[stream.length - 1] = (byte) 0xD9;
                return new JpegSegments(exif, stream);
            }
            if (m == 0xE1 && segLen >= 8 && exif == null) {
                byte[] id = f.read(pos + 4, 6);
                if (id.length == 6 && id[0] == 'E' && id[1] == 'x' && id[2] == 'i' && id[3] == 'f' && id[4] == 0
                        && id[5] == 0) {
                    exif = f.read(pos + 10, segLen - 8);
                }
            }
            pos += 2 + segLen;
        }
        return new JpegSegments(exif, null);
    }
}
