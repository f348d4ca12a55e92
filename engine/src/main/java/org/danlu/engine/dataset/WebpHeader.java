package org.danlu.engine.dataset;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads a WebP file's size and EXIF chunk from its RIFF chunks (VP8, VP8L, VP8X), never decoding.
 * Commons Imaging alpha6 reads WebP sizes too, but it loads whole chunks; this needs only the first
 * chunk header (always inside the scan's prefix) and tells a truncated file from a corrupt one. An
 * EXIF chunk behind the image data is found by {@link ExifLocator#webp}.
 */
final class WebpHeader {

    /** Size, the raw EXIF (TIFF) bytes when they lie in the prefix, and whether the RIFF length overruns the file. */
    record Parsed(int width, int height, byte[] exif, boolean truncated, boolean mayHaveExif) {
    }

    private WebpHeader() {
    }

    /**
     * @param prefix   the first bytes of the file
     * @param len      how many of them are valid
     * @param fileSize the whole file's size, to spot truncation against the RIFF length
     * @throws IllegalArgumentException with a one-line reason when the header is not a valid WebP
     */
    static Parsed parse(byte[] prefix, int len, long fileSize) {
        ByteBuffer b = ByteBuffer.wrap(prefix, 0, len).order(ByteOrder.LITTLE_ENDIAN);
        if (len < 20) {
            throw new IllegalArgumentException("the WebP header is cut off after " + len + " bytes");
        }
        long riffSize = Integer.toUnsignedLong(b.getInt(4));
        boolean truncated = riffSize + 8 > fileSize;
        int width = -1;
        int height = -1;
        byte[] exif = null;
        boolean exifFlag = false;
        int pos = 12;
        while (pos + 8 <= len) {
            String fourcc = new String(prefix, pos, 4, java.nio.charset.StandardCharsets.US_ASCII);
            long size = Integer.toUnsignedLong(b.getInt(pos + 4));
            int data = pos + 8;
            switch (fourcc) {
                case "VP8X" -> {
                    need(len, data + 10, fourcc);
                    exifFlag = (prefix[data] & 0x08) != 0;
                    width = 1 + u24(prefix, data + 4);
                    height = 1 + u24(prefix, data + 7);
                }
                case "VP8L" -> {
                    need(len, data + 5, fourcc);
                    if ((prefix[data] & 0xff) != 0x2f) {
                        throw new IllegalArgumentException("the VP8L chunk has a bad signature byte");
                    }
                    int bits = b.getInt(data + 1);
                    if (width < 0) {
                        width = 1 + (bits & 0x3fff);
                        height = 1 + ((bits >>> 14) & 0x3fff);
                    }
                }
                case "VP8 " -> {
                    need(len, data + 10, fourcc);
                    if ((prefix[data + 3] & 0xff) != 0x9d || (prefix[data + 4] & 0xff) != 0x01
                            || (prefix[data + 5] & 0xff) != 0x2a) {
                        throw new IllegalArgumentException("the VP8 chunk has no key-frame start code");
                    }
                    if (width < 0) {
                        width = (b.getShort(data + 6) & 0x3fff);
                        height = (b.getShort(data + 8) & 0x3fff);
                    }
                }
                case "EXIF" -> {
                    if (data + size <= len) {
                        exif = new byte[(int) size];
                        System.arraycopy(prefix, data, exif, 0, (int) size);
                    }
                }
                default -> {
                    // ICCP, ANIM, ALPH, XMP and unknown chunks carry nothing we need.
                }
            }
            pos = data + (int) Math.min(Integer.MAX_VALUE - 16, size + (size & 1));
        }
        if (width < 0) {
            throw new IllegalArgumentException(truncated
                    ? "the WebP file is truncated before its image header"
                    : "the WebP file has no VP8, VP8L or VP8X chunk");
        }
        return new Parsed(width, height, exif, truncated, exifFlag);
    }

    private static void need(int len, int end, String fourcc) {
        if (end > len) {
            throw new IllegalArgumentException("the " + fourcc.strip() + " chunk is cut off");
        }
    }

    private static int u24(byte[] a, int at) {
        return (a[at] & 0xff) | (a[at + 1] & 0xff) << 8 | (a[at + 2] & 0xff) << 16;
    }
}
