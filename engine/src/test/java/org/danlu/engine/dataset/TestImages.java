package org.danlu.engine.dataset;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * Real image files for tests: PNG, JPEG and BMP encoded by ImageIO; WebP headers and EXIF blocks built
 * byte by byte from the format specs (no WebP writer exists in the JDK or TwelveMonkeys).
 */
final class TestImages {

    private TestImages() {
    }

    static byte[] encode(int w, int h, String format, int seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(seed * 40 % 256, seed * 90 % 256, seed * 150 % 256));
        g.fillRect(0, 0, w, h);
        g.setColor(Color.WHITE);
        g.fillOval(w / 4, h / 4, w / 2, h / 2);
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] png(int w, int h) {
        return encode(w, h, "png", w + h);
    }

    static byte[] jpeg(int w, int h) {
        return encode(w, h, "jpg", w + h);
    }

    static Path write(Path p, byte[] bytes) throws IOException {
        Files.createDirectories(p.getParent());
        return Files.write(p, bytes);
    }

    static Path write(Path p, String text) throws IOException {
        return write(p, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A big-endian TIFF block whose IFD0 has one entry: Orientation (0x0112, SHORT) = o. */
    static byte[] tiffOrientation(int o) {
        ByteBuffer b = ByteBuffer.allocate(26).order(ByteOrder.BIG_ENDIAN);
        b.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8); // header, IFD0 at 8
        b.putShort((short) 1); // one entry
        b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) o).putShort((short) 0);
        b.putInt(0); // no next IFD
        return b.array();
    }

    /** A JPEG with an APP1 Exif segment right after SOI carrying the orientation. */
    static byte[] jpegWithOrientation(int w, int h, int o) {
        byte[] jpg = jpeg(w, h);
        byte[] tiff = tiffOrientation(o);
        int segLen = 2 + 6 + tiff.length;
        ByteBuffer b = ByteBuffer.allocate(jpg.length + 2 + segLen);
        b.put(jpg, 0, 2).put((byte) 0xFF).put((byte) 0xE1).putShort((short) segLen);
        b.put("Exif".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) 0).put(tiff);
        b.put(jpg, 2, jpg.length - 2);
        return b.array();
    }

    /** A PNG with an eXIf chunk right after IHDR. */
    static byte[] pngWithOrientation(int w, int h, int o) {
        return insertPngChunk(png(w, h), "eXIf", tiffOrientation(o));
    }

    static byte[] insertPngChunk(byte[] png, String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(png.length + 12 + data.length);
        b.put(png, 0, 33);
        b.putInt(data.length).put(type.getBytes(StandardCharsets.US_ASCII)).put(data);
        CRC32 crc = new CRC32();
        crc.update(type.getBytes(StandardCharsets.US_ASCII));
        crc.update(data);
        b.putInt((int) crc.getValue());
        b.put(png, 33, png.length - 33);
        return b.array();
    }

    /** A PNG whose IHDR says w x h with a correct CRC, followed by a tiny IDAT and IEND. */
    static byte[] pngHeaderOnly(int w, int h) {
        byte[] real = png(8, 8);
        ByteBuffer b = ByteBuffer.wrap(real.clone());
        b.putInt(16, w).putInt(20, h);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 12, 17);
        b.putInt(29, (int) crc.getValue());
        return b.array();
    }

    static byte[] riff(byte[]... chunks) {
        int len = 4;
        for (byte[] c : chunks) {
            len += c.length;
        }
        ByteBuffer b = ByteBuffer.allocate(8 + len).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(len).put("WEBP".getBytes(StandardCharsets.US_ASCII));
        for (byte[] c : chunks) {
            b.put(c);
        }
        return b.array();
    }

    static byte[] chunk(String fourcc, byte[] payload) {
        int pad = payload.length & 1;
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length + pad).order(ByteOrder.LITTLE_ENDIAN);
        b.put(fourcc.getBytes(StandardCharsets.US_ASCII)).putInt(payload.length).put(payload);
        return b.array();
    }

    /** Lossy WebP: VP8 key frame header (3-byte frame tag, start code 9D 01 2A, 14-bit sizes) plus filler. */
    static byte[] webpVp8(int w, int h) {
        ByteBuffer v = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
        v.put((byte) 0x50).put((byte) 0x01).put((byte) 0x00); // key frame, version 0, shown
        v.put((byte) 0x9d).put((byte) 0x01).put((byte) 0x2a).putShort((short) w).putShort((short) h);
        return riff(chunk("VP8 ", v.array()));
    }

    /** Lossless WebP: signature 0x2F, then 14 bits width-1 and 14 bits height-1, little endian. */
    static byte[] webpVp8l(int w, int h) {
        ByteBuffer v = ByteBuffer.allocate(21).order(ByteOrder.LITTLE_ENDIAN);
        v.put((byte) 0x2f).putInt((w - 1) | ((h - 1) << 14));
        return riff(chunk("VP8L", v.array()));
    }

    /** Extended WebP: VP8X with 24-bit canvas width-1/height-1, an image chunk, and an EXIF chunk. */
    static byte[] webpVp8x(int w, int h, int orientation) {
        ByteBuffer x = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        x.put((byte) (orientation > 0 ? 0x08 : 0)).put(new byte[3]);
        x.put(u24(w - 1)).put(u24(h - 1));
        byte[] image = chunk("VP8L", ByteBuffer.allocate(21).order(ByteOrder.LITTLE_ENDIAN).put((byte) 0x2f)
                .putInt((w - 1) | ((h - 1) << 14)).array());
        return orientation > 0 ? riff(chunk("VP8X", x.array()), image, chunk("EXIF", tiffOrientation(orientation)))
                : riff(chunk("VP8X", x.array()), image);
    }

    private static byte[] u24(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16)};
    }
}
